from django.core.management.base import BaseCommand, CommandError

from emulation.devtools.dataset import BENCH_USERNAME, BLOCS_PER_PROVINCE, DEFAULT_PASSWORD, generate


class Command(BaseCommand):
    help = (
        "Sinh bộ dữ liệu thử tải: --scale N là số tỉnh (1: một tỉnh, khoảng 15 khối × 10 thành viên × 5 năm; "
        "34: toàn quốc, khoảng 540 khối, 5.000 đơn vị, 10 năm). Cùng --seed cho cùng dữ liệu trong cơ sở dữ liệu trống."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Số tỉnh, thành phố (1–34).")
        parser.add_argument("--seed", type=int, default=2026, help="Hạt giống ngẫu nhiên (mặc định 2026).")
        parser.add_argument("--years", type=int, default=None, help="Số năm (mặc định 5 khi N=1, 10 khi N>1).")
        parser.add_argument("--last-year", type=int, default=None, help="Năm cuối (mặc định năm hiện tại).")
        parser.add_argument("--blocs-per-province", type=int, default=BLOCS_PER_PROVINCE, help="Số khối mỗi tỉnh (1–15).")
        parser.add_argument("--central-blocs", type=int, default=None, help="Số khối của Trung ương (mặc định 30·N/34).")
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Mật khẩu của mọi tài khoản sinh ra.")
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, **o):
        if o["years"] is not None and not 1 <= o["years"] <= 30:
            raise CommandError("--years phải từ 1 đến 30.")
        try:
            result = generate(
                scale=o["scale"], seed=o["seed"], years=o["years"], last_year=o["last_year"],
                blocs_per_province=o["blocs_per_province"], central_blocs=o["central_blocs"],
                password=o["password"], stream=None if o["no_progress"] else self.stderr._out,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã sinh dữ liệu trong {result['seconds']:.1f} s (dấu vân tay {result['fingerprint']}):")
        for label, n in result["counts"].items():
            self.stdout.write(f"  {label:<28} {n:>10,}".replace(",", "."))
        self.stdout.write(f"Tài khoản thử tải: {BENCH_USERNAME} / mật khẩu: {o['password']}")
