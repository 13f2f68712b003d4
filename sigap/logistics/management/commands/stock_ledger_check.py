"""`sigap stock_ledger_check`: proves every lot's balance equals the sum of its ledger rows.

Exits with status 1 and lists the lots that differ; run it after a restore or in monitoring.
"""

from django.core.management.base import BaseCommand, CommandError

from sigap.logistics.selectors import ledger_mismatches


class Command(BaseCommand):
    help = "Check that each lot's stock on hand equals the sum of its stock ledger."

    def handle(self, *args, **options) -> None:
        mismatches = ledger_mismatches()
        for lot_id, balance, ledger in mismatches:
            self.stderr.write(f"lot {lot_id}: balance {balance}, ledger {ledger}")
        if mismatches:
            raise CommandError(f"{len(mismatches)} lot(s) differ from the ledger")
        self.stdout.write("Stock balances equal the ledger.")
