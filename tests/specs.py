"""Where Voucherify's reference files live: ../shared/voucherify beside the checkout."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPEC_DIR = REPO.parent / "shared" / "voucherify"

CUSTOMERS_OPERATIONS = (
    "create-customer",
    "list-customers",
    "get-customer",
    "update-customer",
    "delete-customer",
    "customer-permanently-deletion",
    "import-customers-using-csv",
    "list-customer-activity",
    "list-customer-redeemables",
    "list-customer-segments",
    "update-customers-in-bulk",
    "update-customers-metadata-in-bulk",
    "get-async-action",
    "list-async-actions",
)
"""The operationIds vtui covers: the Customers API and the async actions it starts."""
