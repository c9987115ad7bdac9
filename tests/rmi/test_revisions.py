"""Templates as suppliers send them today: the 2026 revisions, AMRT 1.21, retired revisions, .xls files
and Excel's default encryption, all judged by ``rmi.check.check_bytes`` on real filled files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from bench.xlsx_patch import patch_workbook
from rmi.blanks import blank_template
from rmi.check import CheckResult, check_bytes
from rmi.messages import render
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.read import read_workbook
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import template_path
from tests.support.revisions import (
    encrypted_xlsx,
    newer_revisions,
    relabelled,
    saved_as_xls,
    with_label,
    with_requester_columns,
)
from tests.support.workbooks import WorkbookFactory

POLICY = Policy(today=FACTORY_TODAY)
BEFORE_CMRT_66 = Policy(today=dt.date(2026, 1, 10))


@pytest.fixture(scope="module")
def filled(workbook_factory: WorkbookFactory) -> Mapping[str, bytes]:
    """Complete declarations saved by LibreOffice, in the revisions the newer and older ones build on."""
    keys = ("CMRT/6.5", "EMRT/2.1", "AMRT/1.3", "CMRT/6.01")
    paths = workbook_factory.libreoffice_many([workbook_factory.answers(key) for key in keys])
    return {key: path.read_bytes() for key, path in zip(keys, paths, strict=True)}


def newer(filled: Mapping[str, bytes], name: str) -> bytes:
    base, family, version = newer_revisions()[name]
    data = relabelled(filled[base], family, version)
    return with_requester_columns(data) if family == "CMRT" else data


def retired_cmrt(filled: Mapping[str, bytes]) -> bytes:
    return relabelled(filled["CMRT/6.01"], "CMRT", "5.12", date="May 1, 2019")


def codes(result: CheckResult) -> set[str]:
    return {finding.code for finding in result.verdict.findings}


@pytest.mark.parametrize("name", list(newer_revisions()))
def test_a_2026_revision_is_accepted_and_read_as_compatible_with_the_nearest_older_layout(
    filled: Mapping[str, bytes], name: str
) -> None:
    base, family, version = newer_revisions()[name]
    result = check_bytes(newer(filled, name), name, POLICY)
    assert result.accepted, [(f.code, f.cell) for f in result.verdict.errors]
    assert (result.to_dict()["template"], result.to_dict()["version"]) == (family, version)
    [note] = [f for f in result.verdict.warnings if f.code == "TEMPLATE-READ-AS-COMPATIBLE"]
    assert f"read as {base.split('/')[1]}-compatible" in render(note, "en")
    assert "TEMPLATE-OUTDATED" not in codes(result)  # it is the newest release on the check date


def test_cmrt_66_products_are_read_from_the_new_requester_columns(filled: Mapping[str, bytes]) -> None:
    data = newer(filled, "RMI_CMRT_6.6.xlsx")
    row = {"B6": "P-100", "C6": "Housing", "D6": "REQ-7", "E6": "Buyer housing", "F6": "since 2025"}
    model = read_workbook(patch_workbook(data, {f"Product List!{cell}": v for cell, v in row.items()}))
    assert isinstance(model, TemplateModel)
    [product] = model.products
    assert product.requester_number is not None and product.requester_name is not None
    texts = (product.number.text, product.requester_number.text, product.requester_name.text)
    assert (*texts, product.comments.text) == ("P-100", "REQ-7", "Buyer housing", "since 2025")


def test_before_its_release_date_a_newer_file_does_not_make_the_current_one_outdated(
    filled: Mapping[str, bytes],
) -> None:
    assert "TEMPLATE-OUTDATED" not in codes(check_bytes(filled["CMRT/6.5"], "a.xlsx", BEFORE_CMRT_66))
    outdated = check_bytes(filled["CMRT/6.5"], "a.xlsx", POLICY)
    [warning] = [f for f in outdated.verdict.warnings if f.code == "TEMPLATE-OUTDATED"]
    assert warning.params["newest"] == "6.6" and outdated.accepted


def test_a_newer_revision_whose_anchor_cells_disagree_is_held_for_a_person_not_refused(
    filled: Mapping[str, bytes],
) -> None:
    moved = with_label(newer(filled, "RMI_CMRT_6.6.xlsx"), "Declaration", "B8", "Supplier name (*):")
    result = check_bytes(moved, "RMI_CMRT_6.6.xlsx", POLICY)
    [finding] = result.verdict.errors
    assert finding.code == "TEMPLATE-HELD-FOR-REVIEW"
    assert (result.to_dict()["template"], result.to_dict()["version"]) == ("CMRT", "6.6")
    for language in ("en", "zh", "ja"):
        text = render(finding, language)
        assert "6.6" in text and "http" not in text and "RMI" not in text.replace("RMI_CMRT", "")


def test_an_old_cmrt_as_xlsx_is_named_retired_and_the_current_revision_given(
    filled: Mapping[str, bytes],
) -> None:
    result = check_bytes(retired_cmrt(filled), "CMRT_2019.xlsx", POLICY)
    [finding] = result.verdict.errors
    assert (finding.code, finding.params["version"], finding.params["current"]) == (
        "TEMPLATE-RETIRED",
        "5.12",
        "6.6",
    )
    assert (result.to_dict()["template"], result.to_dict()["version"]) == ("CMRT", "5.12")
    assert (
        check_bytes(retired_cmrt(filled), "x.xlsx", BEFORE_CMRT_66).verdict.errors[0].params["current"]
        == "6.5"
    )
    for language in ("en", "zh", "ja"):
        assert "5.12" in render(finding, language) and "6.6" in render(finding, language)


def test_a_retired_revision_promises_the_attached_blank_only_in_the_mail(filled: Mapping[str, bytes]) -> None:
    """The reply mail carries the blank; ``surveybot check`` output (``to_dict``) has nothing attached."""
    result = check_bytes(retired_cmrt(filled), "CMRT_2019.xlsx", POLICY)
    [finding] = result.verdict.errors
    attached = {"en": "attached to this mail", "zh": "本邮件附带", "ja": "本メールに添付"}
    for language, words in attached.items():
        assert words in render(finding, language)
        [shown] = result.to_dict(language)["findings"]
        assert words not in shown["message"]
        assert "5.12" in shown["message"] and "CMRT 6.6" in shown["message"]


def test_an_old_cmrt_saved_as_xls_and_protected_with_excels_default_key_is_named_retired_in_one_round(
    filled: Mapping[str, bytes],
) -> None:
    """Not "password-protected", not "save as .xlsx", not "not a template": the revision and the fix."""
    data = saved_as_xls(retired_cmrt(filled), protect_structure=True)
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # an OLE2 compound file, as Excel 97-2003 writes
    result = check_bytes(data, "CMRT_2019.xls", POLICY)
    assert [f.code for f in result.verdict.errors] == ["TEMPLATE-RETIRED"]
    assert (result.to_dict()["template"], result.to_dict()["version"]) == ("CMRT", "5.12")


def test_an_unprotected_old_cmrt_xls_is_named_retired_too(filled: Mapping[str, bytes]) -> None:
    result = check_bytes(saved_as_xls(retired_cmrt(filled)), "old.xls", POLICY)
    assert [f.code for f in result.verdict.errors] == ["TEMPLATE-RETIRED"]


def test_a_current_revision_saved_as_xls_is_asked_for_as_xlsx_naming_the_revision_found(
    filled: Mapping[str, bytes],
) -> None:
    result = check_bytes(saved_as_xls(filled["CMRT/6.5"], protect_structure=True), "cmrt.xls", POLICY)
    [finding] = result.verdict.errors
    assert finding.code == "FILE-XLS-LEGACY"
    assert (result.to_dict()["template"], result.to_dict()["version"]) == ("CMRT", "6.5")
    for language in ("en", "zh", "ja"):
        text = render(finding, language)
        assert "CMRT" in text and "6.5" in text and ".xlsx" in text


def test_only_a_real_password_gets_the_password_reply(filled: Mapping[str, bytes]) -> None:
    protected = check_bytes(saved_as_xls(filled["CMRT/6.5"], password="s3cret"), "cmrt.xls", POLICY)
    assert [f.code for f in protected.verdict.errors] == ["FILE-ENCRYPTED"]
    locked = check_bytes(encrypted_xlsx(filled["CMRT/6.5"], "s3cret"), "cmrt.xlsx", POLICY)
    assert [f.code for f in locked.verdict.errors] == ["FILE-ENCRYPTED"]


def test_an_xlsx_encrypted_with_excels_default_key_is_opened_silently_and_judged(
    filled: Mapping[str, bytes],
) -> None:
    result = check_bytes(encrypted_xlsx(filled["CMRT/6.5"], "VelvetSweatshop"), "cmrt.xlsx", POLICY)
    assert result.accepted and result.to_dict()["version"] == "6.5"
    assert not {code for code in codes(result) if code.startswith("FILE-")}


def test_amrt_121_is_read_with_its_own_layout_not_as_a_compatible_guess() -> None:
    model = read_workbook(template_path("AMRT/1.21").read_bytes())
    assert isinstance(model, TemplateModel)
    assert (model.identity.version, model.identity.layout_key, model.identity.read_as) == (
        "1.21",
        "AMRT/1.21",
        "",
    )


def test_the_newest_shipped_blank_of_each_family_is_available_for_replies() -> None:
    for family, version in (("CMRT", "6.5"), ("EMRT", "2.1"), ("CRT", "2.21"), ("AMRT", "1.3")):
        found = blank_template(family)
        assert found is not None and found.version == version and found.read_bytes().startswith(b"PK")
