from sigap.registry.importing.synthetic import write_sp2d_csv
from sigap.registry.models import ImportStatus, Person, ProgrammeMembership


def test_a_clean_sp2d_list_lands_whole(run_import, villages, tmp_path):
    path = write_sp2d_csv(tmp_path / "sp2d.csv", 50, villages=villages)
    batch = run_import(path)
    assert batch.error == ""
    assert batch.status == ImportStatus.COMMITTED, batch.error
    assert (batch.new_count, batch.changed_count, batch.unchanged_count) == (50, 0, 0)
    assert Person.objects.count() == 50
    assert ProgrammeMembership.objects.filter(sp2d_listed=True, programme="BPNT").count() == 50
