"""Where Voucherify's reference files live: ../shared/voucherify beside the checkout."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPEC_DIR = REPO.parent / "shared" / "voucherify"
