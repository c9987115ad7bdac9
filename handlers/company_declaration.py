"""The facts of the company's own declaration for one campaign, gathered from the store and config.

Which template: the newest blank surveybot ships for the campaign's family. EMRT 2.x keeps every
mineral of the blank selected (an unused one is answered No); AMRT, whose minerals are picked one by
one from a long list, is refused for now.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.analysis_source import campaign_declarations
from rmi.analysis.company_declaration import CompanyDeclaration, CompanyFacts, company_declaration
from rmi.analysis.rollup import latest_per_supplier, roll_up
from rmi.blanks import BlankTemplate, blank_template
from rmi.layouts import Layout, layout
from rmi.model import TemplateModel
from rmi.read.template import read_workbook
from storage import Campaign, Store
from surveybot.errors import UserFacingError
from surveybot.settings import CompanySettings


@dataclass(frozen=True, slots=True)
class CompanyDeclarationPlan:
    blank: BlankTemplate
    spec: Layout
    declaration: CompanyDeclaration


def plan_company_declaration(
    store: Store, campaign: Campaign, company: CompanySettings
) -> CompanyDeclarationPlan:
    if not company.name:
        raise UserFacingError(
            "Set [company] name (and its contacts) in the config first: the declaration is yours."
        )
    blank = blank_template(campaign.family)
    if blank is None:
        raise UserFacingError("No blank {} template ships with surveybot.", campaign.family)
    spec = layout(f"{blank.family}/{blank.version}")
    model = read_workbook(blank.read_bytes())
    slots = model.minerals if isinstance(model, TemplateModel) and not spec.minerals.fixed else ()
    if not spec.minerals.fixed and not slots:
        raise UserFacingError(
            "The company declaration is written for CMRT, EMRT and CRT; in {} {} the minerals are "
            "chosen one by one, which surveybot does not write yet.",
            blank.family,
            blank.version,
        )
    lookup = model.lookup if isinstance(model, TemplateModel) else ()
    latest = latest_per_supplier(campaign_declarations(store, campaign))
    status = store.reports.campaign_status(campaign.id)
    facts = CompanyFacts(
        _fields(company), dict(company.policy_answers), company.policy_url, store.clock.now().date()
    )
    declaration = company_declaration(
        spec,
        latest,
        roll_up(latest),
        accepted=status.accepted,
        applicable=status.applicable,
        company=facts,
        lookup=lookup,
        slot_minerals=slots,
    )
    return CompanyDeclarationPlan(blank, spec, declaration)


def _fields(company: CompanySettings) -> dict[str, str]:
    values = {
        "company_name": company.name,
        "declaration_scope": company.declaration_scope,
        "address": company.address,
        "company_unique_id": company.unique_id,
        "company_unique_id_authority": company.unique_id_authority,
        "contact_name": company.contact_name,
        "contact_email": company.contact_email,
        "contact_phone": company.contact_phone,
        "authorizer_name": company.authorizer_name,
        "authorizer_title": company.authorizer_title,
        "authorizer_email": company.authorizer_email,
        "authorizer_phone": company.authorizer_phone,
    }
    return {key: value for key, value in values.items() if value}
