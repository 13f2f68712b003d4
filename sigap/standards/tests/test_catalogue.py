"""The five catalogue files reproduce every component of the seed standards."""

from datetime import date

import pytest

from sigap.standards.models import ServiceStandard
from sigap.standards.selectors import standard_components

pytestmark = pytest.mark.django_db


def components(catalogue, code):
    return standard_components(catalogue[code])


def test_the_catalogue_holds_the_five_seed_services(catalogue):
    assert set(catalogue) == {
        "banten-logistik-darurat",
        "tarakan-sembako",
        "sragen-kehabisan-bekal",
        "banten-anak-terlantar",
        "sragen-bpnt",
    }
    offices = {code: s.office.code for code, s in catalogue.items()}
    assert offices == {
        "banten-logistik-darurat": "banten",
        "tarakan-sembako": "tarakan",
        "sragen-kehabisan-bekal": "sragen",
        "banten-anak-terlantar": "banten",
        "sragen-bpnt": "sragen",
    }


def test_every_standard_has_all_fourteen_components_filled(catalogue):
    for standard in catalogue.values():
        data = standard_components(standard)
        assert list(data) == [
            "requirements",
            "procedure",
            "time_limit",
            "fee",
            "products",
            "complaints",
            "legal_basis",
            "facilities",
            "competence",
            "oversight",
            "staff_count",
            "service_guarantee",
            "security_guarantee",
            "performance_evaluation",
        ]
        assert data["requirements"] and data["procedure"] and data["products"]
        assert data["complaints"]["channels"]
        for key in list(data)[6:]:
            assert data[key]["items"], (standard.code, key)
        assert standard.fee_amount == 0


# Seed 000: emergency logistics, Dinas Sosial Provinsi Banten.


def test_seed_000_logistics_has_its_requirements_steps_and_product(catalogue):
    standard = catalogue["banten-logistik-darurat"]
    data = components(catalogue, "banten-logistik-darurat")
    assert [(r["code"], r["kind"]) for r in data["requirements"]] == [
        ("emergency-status", "condition"),
        ("logistics-request", "document"),
        ("regency-request-letter", "document"),
        ("assessment", "document"),
    ]
    assert [(s["code"], s["role"], s["actions"]) for s in data["procedure"]] == [
        ("receive", "head_of_office", ["receive"]),
        ("disposition", "head_of_division", ["dispose"]),
        ("review", "social_counsellor", ["review"]),
        ("decision", "head_of_division", ["decide"]),
        ("dispatch", "social_counsellor", ["carry_out"]),
        ("handover", "social_counsellor", ["hand_over"]),
    ]
    assert "Berita Acara Serah Terima Barang" in data["procedure"][5]["label"]
    assert "setaraf Eselon IV" in data["procedure"][1]["label"]
    assert data["time_limit"] == {
        "kind": "running_year",
        "value": 1,
        "text": "1 (satu) tahun berjalan",
    }
    assert data["products"] == [
        {
            "code": "logistics-aid",
            "label": (
                "Penyaluran Bantuan Logistik Tanggap Darurat dari Provinsi ke Posko/Masyarakat"
            ),
            "kind": "aid",
            "template_code": "bast-goods",
        }
    ]
    assert standard.extra["extension"] == "logistics"
    assert standard.applicant_kinds == ["organisation", "person"]
    assert standard.public_intake is True


def test_seed_000_lists_eight_complaint_channels_and_the_complaint_graph(catalogue):
    complaints = components(catalogue, "banten-logistik-darurat")["complaints"]
    kinds = [c["kind"] for c in complaints["channels"]]
    assert kinds == [
        "in_person",
        "complaint_box",
        "sms_whatsapp",
        "phone",
        "email",
        "lapor",
        "website",
        "instagram",
    ]
    details = {c["kind"]: c["detail"] for c in complaints["channels"]}
    assert details["sms_whatsapp"] == details["phone"] == "081288475883"
    assert details["instagram"] == "dinsosbanten.go.id_official"
    assert catalogue["banten-logistik-darurat"].extra["complaint_flow"] == [
        {"source": "province", "target": "regency"},
        {"source": "regency", "target": "community"},
        {"source": "community", "target": "regency"},
        {"source": "community", "target": "province"},
    ]
    assert complaints["flow"][0]["source_label"] == "Dinas Sosial Provinsi"


def test_seed_000_manufacturing_components_are_complete(catalogue):
    data = components(catalogue, "banten-logistik-darurat")
    assert len(data["legal_basis"]["items"]) == 9
    assert data["legal_basis"]["items"][0] == "UUD 1945 Pasal 34 Ayat 1, 2 dan 3"
    assert data["facilities"]["items"][-2:] == ["Pergudangan barang logistik", "Mobil angkut"]
    assert len(data["competence"]["items"]) == 4
    assert "Relawan Taruna Siaga Bencana (TAGANA)" in data["oversight"]["items"]
    assert "Relawan Kampung Siaga Bencana (KSB)" in data["oversight"]["items"]
    assert data["staff_count"]["items"] == ["5 orang"]
    assert len(data["service_guarantee"]["items"]) == 7
    assert data["service_guarantee"]["intro"].startswith("Sanggup memberikan pelayanan")
    assert len(data["security_guarantee"]["items"]) == 2
    assert "setiap semester" in data["performance_evaluation"]["items"][1]


# Seed 001: Sembako facilitation, Dinas Sosial dan PM Kota Tarakan.


def test_seed_001_sembako_has_its_document_data_and_signer(catalogue):
    standard = catalogue["tarakan-sembako"]
    assert standard.document_number == "000.8.3.2/03.2/DINSOSPM"
    assert standard.revision == 1
    assert standard.revision_date == date(2025, 1, 2)
    assert standard.effective_date == date(2025, 1, 10)
    assert standard.field == "Sosial"
    assert standard.unit_name == "Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan"
    assert (standard.signer_title, standard.signer_name) == ("Kepala Dinas", "Arbain, SE., M. AP")
    assert standard.signer_rank == "Pembina Utama Muda/IV-c"
    assert standard.signer_nip == "196803181994031007"


def test_seed_001_has_five_requirements_four_products_and_thirty_minutes(catalogue):
    data = components(catalogue, "tarakan-sembako")
    assert [r["code"] for r in data["requirements"]] == [
        "kk-ktp",
        "kks",
        "kelurahan-letter",
        "savings-book",
        "death-certificate",
    ]
    death = data["requirements"][4]
    assert death["product_codes"] == ["death"] and death["label"] == "Fotokopi Akta Kematian"
    assert all(not r["product_codes"] for r in data["requirements"][:4])
    assert [(p["code"], p["kind"], p["template_code"]) for p in data["products"]] == [
        ("kks-new", "letter", "sk-kks-new"),
        ("kks-lost-ewallet", "letter", "sk-kks-lost"),
        ("death", "letter", "sk-death"),
        ("data-change", "letter", "sk-data-change"),
    ]
    assert data["time_limit"] == {"kind": "minutes", "value": 30, "text": "30 menit"}
    assert data["fee"] == {"amount": 0, "text": "Tidak dipungut biaya/gratis"}


def test_seed_001_procedure_is_the_flowchart_with_the_acting_roles(catalogue):
    steps = components(catalogue, "tarakan-sembako")["procedure"]
    assert [(s["code"], s["role"], s["actions"]) for s in steps] == [
        ("receive", "front_office", ["receive"]),
        ("check", "front_office", ["check"]),
        ("analyse", "back_office", ["analyse"]),
        ("initial", "section_head", ["initial"]),
        ("sign", "head_of_office", ["sign"]),
        ("register-handover", "front_office", ["register", "hand_over"]),
    ]
    assert "SIKS-NG" in steps[2]["label"] and "KPM" in steps[2]["label"]


def test_seed_001_complaints_and_manufacturing(catalogue):
    data = components(catalogue, "tarakan-sembako")
    assert [c["kind"] for c in data["complaints"]["channels"]] == [
        "lapor",
        "in_person",
        "complaint_box",
    ]
    assert data["complaints"]["notes"] == (
        "Tindak lanjut penanganan melalui Seksi Pemberdayaan Sosial."
    )
    assert len(data["legal_basis"]["items"]) == 7
    assert "Penyaluran Bantuan Sosial secara Non Tunai" in data["legal_basis"]["items"][2]
    assert data["facilities"]["items"] == ["ATK", "Komputer", "Printer", "Lemari Arsip"]
    assert len(data["staff_count"]["items"]) == 5
    assert data["service_guarantee"]["items"] == ["Pelayanan tepat waktu"]
    assert data["security_guarantee"]["items"] == ["Rasa aman", "Suasana nyaman"]
    assert data["performance_evaluation"]["items"][1] == "Survei Kepuasan Masyarakat (SKM)"


# Seed 002: Kehabisan Bekal, Dinas Sosial Kabupaten Sragen.


def test_seed_002_kehabisan_bekal_is_cash_once_per_incident(catalogue):
    standard = catalogue["sragen-kehabisan-bekal"]
    data = standard_components(standard)
    assert (standard.document_label, standard.document_number) == (
        "Lampiran Nomor",
        "460/2339/09/2022",
    )
    assert standard.revision == 0 and standard.public_intake is False
    assert standard.unit_name == "Bidang Perlindungan Sosial"
    assert [(r["code"], r["kind"]) for r in data["requirements"]] == [("police-letter", "document")]
    assert [(s["code"], s["role"], s["actions"]) for s in data["procedure"]] == [
        ("check", "front_office", ["receive", "check"]),
        ("payout", "back_office", ["pay", "hand_over"]),
    ]
    assert data["time_limit"]["kind"] == "per_incident"
    assert data["products"][0]["code"] == "estafet-help"
    assert data["products"][0]["label"].endswith("secara estafet")
    assert standard.extra["extension"] == "cashaid"


def test_seed_002_legal_basis_and_named_complaints_officer(catalogue):
    data = components(catalogue, "sragen-kehabisan-bekal")
    assert data["legal_basis"]["items"] == [
        "Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial"
    ]
    officer = data["complaints"]["channels"][0]["officer"]
    assert officer["name"] == "Sari Srihartiwi, MM"
    assert officer["nip"] == "196601011998032005"
    assert [c["kind"] for c in data["complaints"]["channels"]] == [
        "in_person",
        "in_person",
        "phone",
        "lapor",
        "complaint_box",
    ]
    assert data["complaints"]["channels"][2]["detail"] == "0271-891043"
    assert len(data["facilities"]["items"]) == 15
    assert data["oversight"]["items"] == [
        "Kegiatan Evaluasi dari Pimpinan",
        "Audit oleh Inspektorat",
    ]
    assert data["service_guarantee"]["items"][1] == (
        "Bantuan Uang untuk Transportasi untuk Kehabisan Bekal"
    )
    assert len(data["security_guarantee"]["items"]) == 6
    assert len(data["performance_evaluation"]["items"]) == 3


# Seed 003: neglected children in an institution, Dinas Sosial Provinsi Banten.


def test_seed_003_children_eligibility_is_any_of_three_conditions(catalogue):
    data = components(catalogue, "banten-anak-terlantar")
    assert [(r["code"], r["kind"]) for r in data["requirements"]] == [
        ("eligibility", "condition"),
        ("regency-request-letter", "document"),
        ("consent-letter", "document"),
        ("assessment", "document"),
        ("health-certificate", "document"),
    ]
    options = data["requirements"][0]["options"]
    assert len(options) == 3
    assert options[1] == "Rentan mengalami tindak kekerasan dari lingkungannya"
    assert options[2].startswith("Masih memiliki keluarga")


def test_seed_003_procedure_product_and_flow(catalogue):
    standard = catalogue["banten-anak-terlantar"]
    data = standard_components(standard)
    assert [(s["code"], s["role"], s["actions"]) for s in data["procedure"]] == [
        ("referral", "front_office", ["receive", "check"]),
        ("consent", "social_worker", ["carry_out"]),
        ("assessment", "social_worker", ["review"]),
        ("health", "social_worker", ["carry_out"]),
        ("placement", "head_of_division", ["decide", "hand_over"]),
    ]
    assert data["products"][0] == {
        "code": "child-rehabilitation",
        "label": "Rehabilitasi sosial dasar anak terlantar dalam panti",
        "kind": "service",
        "template_code": "bast-child-placement",
    }
    assert standard.applicant_kinds == ["organisation"]
    assert standard.extra["extension"] == "childcare"
    flow = [(e["source"], e["target"]) for e in data["complaints"]["flow"]]
    assert flow == [
        ("complainant", "complaints_unit"),
        ("complaints_unit", "responder"),
        ("responder", "meeting"),
    ]
    assert len(data["complaints"]["channels"]) == 7


def test_seed_003_duplicates_of_the_garbled_original_are_kept_once(catalogue):
    data = components(catalogue, "banten-anak-terlantar")
    legal = data["legal_basis"]["items"]
    assert len(legal) == len(set(legal)) == 9
    assert "Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial" in legal
    assert len(data["competence"]["items"]) == 4
    assert data["facilities"]["items"][3:] == ["Balai rehabilitasi", "Rujukan ke panti"]
    assert data["oversight"]["items"][1] == "Pendamping Anak"
    assert "Masayarakat" not in str(data) and "tahumn" not in str(data)


# Seed 004: BPNT, Dinas Sosial Kabupaten Sragen.


def test_seed_004_bpnt_requirements_steps_and_period(catalogue):
    standard = catalogue["sragen-bpnt"]
    data = standard_components(standard)
    assert [(r["code"], r["kind"]) for r in data["requirements"]] == [
        ("ktp-regency", "document"),
        ("kk", "document"),
        ("dtks-listed", "condition"),
        ("sp2d-listed", "condition"),
    ]
    assert len(data["procedure"]) == 7
    assert {s["role"] for s in data["procedure"]} == {
        "verifier",
        "back_office",
        "social_companion",
        "head_of_division",
    }
    assert "karbohidrat, protein, vitamin dan mineral" in data["procedure"][3]["label"]
    assert data["time_limit"]["kind"] == "budget_year"
    assert data["products"][0]["code"] == "bpnt-aid"
    assert standard.extra["extension"] == "bpnt"
    assert standard.unit_name == "Bidang Penanganan Fakir Miskin"


def test_seed_004_has_twenty_two_facilities_and_three_verifiers(catalogue):
    data = components(catalogue, "sragen-bpnt")
    facilities = data["facilities"]["items"]
    assert len(facilities) == 22
    assert facilities[0] == "Aplikasi SIKS-NG" and facilities[-1] == "Fasilitas Difabel"
    assert data["staff_count"]["items"][2] == "3 (tiga) orang PNS (Verifikator)"
    assert len(data["legal_basis"]["items"]) == 5
    assert data["service_guarantee"]["items"] == [
        "Kode etik",
        "Maklumat pelayanan",
        "Pakta Integritas",
    ]
    officer = data["complaints"]["channels"][0]["officer"]
    assert officer["nip"] == "197701051996032001"


def test_the_typos_of_the_originals_are_fixed(catalogue):
    text = str([standard_components(s) for s in catalogue.values()])
    text += str([s.name for s in catalogue.values()])
    for typo in (
        "Standa ",
        "Banuan Sosia",
        "Estavet",
        "Tranpotasi",
        "tahumn",
        "Masayarakat",
        "Komptensi",
        "Esselon",
        "Inspekturat",
        "Menadatangani",
    ):
        assert typo not in text, typo


def test_catalogue_creates_the_seed_offices_and_units_when_missing(catalogue):
    standard = catalogue["tarakan-sembako"]
    assert standard.office.name == "Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan"
    assert standard.unit.code == "pemberdayaan-sosial"
    assert ServiceStandard.objects.count() == 5


def test_seed_003_documents_made_during_the_procedure_are_due_at_their_steps(catalogue):
    standard = catalogue["banten-anak-terlantar"]
    due = dict(standard.requirements.values_list("code", "due_at_step"))
    assert due == {
        "eligibility": "",
        "regency-request-letter": "",
        "consent-letter": "consent",
        "assessment": "assessment",
        "health-certificate": "health",
    }


def test_the_other_four_services_check_every_requirement_at_intake(catalogue):
    from sigap.standards.models import Requirement

    others = Requirement.objects.exclude(standard__code="banten-anak-terlantar")
    assert others.exists()
    assert not others.exclude(due_at_step="").exists()
