"""Names shared by the demo modules (the seed reports' cluster)."""

SEVEN = "Cụm thi đua 7 tỉnh Trung du và Miền núi phía Bắc"
