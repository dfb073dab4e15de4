//! Investments and policies: one table row each.

use super::page::{cell, column, raw_cell, Page, SectionKind};
use super::person::first;
use crate::findings::Finding;
use crate::parse::money::{parse_money, shorten};
use crate::record::{masked_policy_number, Investment, Money, Policy};
use smartoffice_snapshot::clean::known;
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;
use smartoffice_snapshot::{Row, Table};

/// `None` when the page has no Investments section at all.
pub(super) fn investments(page: &Page, findings: &mut Vec<Finding>) -> Option<Vec<Investment>> {
    let profile = page.profile;
    let sections = &profile.sections.investments;
    if !page.has_section(SectionKind::Investments) {
        findings.push(Finding::informs(text!(
            "findingNoInvestments",
            first(sections),
            &profile.investment_licence
        )));
        return None;
    }
    let Some(table) = page.table(SectionKind::Investments) else {
        return Some(Vec::new());
    };
    let c = &profile.columns;
    let name = column(table, &c.account_name);
    let value = column(table, &c.account_value);
    let loan = column(table, &c.loan_balance);
    let net = column(table, &c.net_value);
    let options = column(table, &c.options);
    let owner = column(table, &c.owner);
    let separators = &profile.option_separators;
    let rows = table.rows.iter().enumerate().map(|(index, row)| {
        let account_name = cell(row, name);
        let label = || match &account_name {
            Some(name) => text!("wordAccountNamed", shorten(name)),
            None => text!("wordRow", index + 1),
        };
        let mut money =
            |column: Option<usize>| amount(table, row, column, sections, &label, findings);
        Investment {
            account_value: money(value),
            loan_balance: money(loan),
            net_value: money(net),
            options: cell(row, options)
                .map(|text| {
                    text.split(separators.as_slice())
                        .filter_map(known)
                        .collect()
                })
                .unwrap_or_default(),
            owner: cell(row, owner),
            account_name,
        }
    });
    Some(rows.collect())
}

/// `None` when the page has no Policies section at all.
pub(super) fn policies(page: &Page, findings: &mut Vec<Finding>) -> Option<Vec<Policy>> {
    let profile = page.profile;
    let sections = &profile.sections.policies;
    if !page.has_section(SectionKind::Policies) {
        findings.push(Finding::informs(text!(
            "findingNoPolicies",
            first(sections),
            &profile.policy_licence
        )));
        return None;
    }
    let Some(table) = page.table(SectionKind::Policies) else {
        return Some(Vec::new());
    };
    let c = &profile.columns;
    let carrier = column(table, &c.carrier);
    let plan = column(table, &c.plan_name);
    let number = column(table, &c.policy_number);
    let insured = column(table, &c.primary_insured);
    let owner = column(table, &c.owner);
    let benefits = column(table, &c.total_death_benefits);
    let rows = table.rows.iter().enumerate().map(|(index, row)| {
        let carrier = cell(row, carrier);
        let plan_name = cell(row, plan);
        let written_number = raw_cell(row, number);
        let policy_number = masked_policy_number(&written_number);
        // The message names the policy by its masked number: the full one
        // must not reach the screen.
        let label = || match (&policy_number, &plan_name) {
            (Some(masked), _) => text!("wordPolicyNumbered", masked.as_str()),
            (None, Some(plan)) => text!("wordPolicyNamed", shorten(plan)),
            (None, None) => text!("wordRow", index + 1),
        };
        if policy_number.is_none() && !written_number.trim().is_empty() {
            findings.push(Finding::warns(text!(
                "findingPolicyNumberShort",
                label(),
                first(&c.policy_number)
            )));
        }
        let total_death_benefits = amount(table, row, benefits, sections, &label, findings);
        Policy {
            carrier,
            plan_name,
            policy_number,
            primary_insured: cell(row, insured),
            owner: cell(row, owner),
            total_death_benefits,
        }
    });
    Some(rows.collect())
}

/// A money cell; unreadable text becomes a finding naming the table, the row
/// and the column.
fn amount(
    table: &Table,
    row: &Row,
    column: Option<usize>,
    sections: &[String],
    row_label: &dyn Fn() -> Text,
    findings: &mut Vec<Finding>,
) -> Option<Money> {
    let text = raw_cell(row, column);
    match parse_money(&text) {
        Ok(money) => money,
        Err(_) => {
            let header = column
                .and_then(|c| table.header.get(c))
                .map_or("", String::as_str);
            findings.push(Finding::warns(text!(
                "findingAmountUnreadable",
                first(sections),
                header,
                row_label(),
                shorten(&text)
            )));
            None
        }
    }
}
