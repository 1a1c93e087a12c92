from django.core.management.base import BaseCommand

from emulation.devtools.demo.core import load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: năm hội nghị tổng kết trong shared/seeds và tài khoản mẫu (chạy lại không thay đổi gì)."

    def handle(self, *args, **options):
        accounts = load_demo()
        self.stdout.write("Tài khoản mẫu (đăng nhập tại http://127.0.0.1:8000/):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<12} mật khẩu: {password:<10} vai trò: {role}")
