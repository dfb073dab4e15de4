//! How a SmartOffice record page names things: section headings, field labels,
//! table columns and the values in type columns. All of it is assumed (see
//! docs: smartoffice-pages.md), so it lives here as data and nowhere else; a real
//! office that words things differently needs a change here only.
//!
//! Matching ignores letter case, colons, asterisks and extra spaces. The first
//! synonym of each list is the one SmartOffice shows by default; findings use it
//! to tell the user where to fix a field.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::clean::label_is;

/// Alternative spellings of one heading, label, column or value.
pub type Synonyms = Vec<String>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordProfile {
    /// Shown on the options page when this profile matched a page.
    pub name: String,
    pub sections: Sections,
    pub labels: Labels,
    pub columns: Columns,
    pub phone_types: PhoneTypes,
    pub address_types: AddressTypes,
    pub email_types: EmailTypes,
    pub marital_statuses: MaritalStatuses,
    /// Key relation types that make the related contact the spouse.
    pub spousal_relations: Synonyms,
    pub member_types: MemberTypes,
    pub preferred: Preferred,
    /// Characters that separate an investment's options in one cell.
    pub option_separators: Vec<char>,
    pub record_id: RecordId,
    /// Words an Owner cell may hold instead of a person's name.
    pub owner_words: OwnerWords,
    /// The SmartOffice licence that shows each section, for findings.
    pub investment_licence: String,
    pub policy_licence: String,
}

/// How the Marital Status field writes each status eMoney knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MaritalStatuses {
    pub married: Synonyms,
    pub single: Synonyms,
    pub divorced: Synonyms,
    pub widowed: Synonyms,
    pub separated: Synonyms,
    pub domestic_partner: Synonyms,
}

/// An investment's or policy's Owner written as a role rather than a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerWords {
    pub client: Synonyms,
    pub spouse: Synonyms,
    pub joint: Synonyms,
}

/// Section headings (h1–h6 text or fieldset legends).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sections {
    pub personal: Synonyms,
    pub business: Synonyms,
    pub phones: Synonyms,
    pub addresses: Synonyms,
    pub emails: Synonyms,
    pub key_relations: Synonyms,
    pub spouse: Synonyms,
    pub household: Synonyms,
    pub members: Synonyms,
    pub investments: Synonyms,
    pub policies: Synonyms,
}

/// What a section of a record page holds, told by its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Content before the first heading: read as personal data.
    Unheaded,
    Personal,
    Business,
    Phones,
    Addresses,
    Emails,
    KeyRelations,
    Spouse,
    Household,
    Members,
    Investments,
    Policies,
    Other,
}

impl Sections {
    /// The kind of the section under `heading`: the first list, in this
    /// order, that names it.
    pub fn kind_of(&self, heading: Option<&str>) -> SectionKind {
        let Some(heading) = heading else {
            return SectionKind::Unheaded;
        };
        let kinds: [(&[String], SectionKind); 11] = [
            (&self.personal, SectionKind::Personal),
            (&self.business, SectionKind::Business),
            (&self.phones, SectionKind::Phones),
            (&self.addresses, SectionKind::Addresses),
            (&self.emails, SectionKind::Emails),
            (&self.key_relations, SectionKind::KeyRelations),
            (&self.spouse, SectionKind::Spouse),
            (&self.household, SectionKind::Household),
            (&self.members, SectionKind::Members),
            (&self.investments, SectionKind::Investments),
            (&self.policies, SectionKind::Policies),
        ];
        kinds
            .iter()
            .find(|(synonyms, _)| label_is(heading, synonyms))
            .map_or(SectionKind::Other, |(_, kind)| *kind)
    }
}

/// Field labels of label/value pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Labels {
    pub first_name: Synonyms,
    pub last_name: Synonyms,
    pub birth_date: Synonyms,
    pub marital_status: Synonyms,
    pub home_phone: Synonyms,
    pub cell_phone: Synonyms,
    pub fax: Synonyms,
    pub email: Synonyms,
    pub company: Synonyms,
    pub job_title: Synonyms,
    pub business_phone: Synonyms,
    pub business_fax: Synonyms,
    /// A household's address on one line.
    pub household_address: Synonyms,
    /// What SmartOffice calls the client's home address and business
    /// address as a whole (the seed's field table), for the update prompt.
    pub residence_address: Synonyms,
    pub business_address: Synonyms,
}

/// Header cells of the record's tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Columns {
    /// The type column of phone, address and e-mail tables.
    pub kind: Synonyms,
    pub phone_number: Synonyms,
    pub email_address: Synonyms,
    /// A one-line address ("12 Elm St, Springfield, IL 62704").
    pub address_line: Synonyms,
    pub street1: Synonyms,
    pub street2: Synonyms,
    pub city: Synonyms,
    pub state: Synonyms,
    pub postal_code: Synonyms,
    pub country: Synonyms,
    pub preferred: Synonyms,
    pub relation_name: Synonyms,
    pub relation_type: Synonyms,
    pub member_name: Synonyms,
    pub member_type: Synonyms,
    pub member_birth_date: Synonyms,
    pub account_name: Synonyms,
    pub account_value: Synonyms,
    pub loan_balance: Synonyms,
    pub net_value: Synonyms,
    pub options: Synonyms,
    pub owner: Synonyms,
    pub carrier: Synonyms,
    pub plan_name: Synonyms,
    pub policy_number: Synonyms,
    pub primary_insured: Synonyms,
    pub total_death_benefits: Synonyms,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneTypes {
    pub home: Synonyms,
    pub cell: Synonyms,
    pub fax: Synonyms,
    pub business: Synonyms,
    pub business_fax: Synonyms,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressTypes {
    pub residence: Synonyms,
    pub business: Synonyms,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailTypes {
    pub personal: Synonyms,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberTypes {
    pub head: Synonyms,
    pub spouse: Synonyms,
}

/// How a table marks its preferred row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Preferred {
    /// Values of the Preferred column that mean "this one".
    pub marks: Synonyms,
    /// Row classes that mean "this one".
    pub row_classes: Synonyms,
}

/// Where the record's id shows in the record frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordId {
    /// Query parameters of the frame's address, household first (a household
    /// page may also carry the contact it was opened from).
    pub household_parameters: Synonyms,
    pub contact_parameters: Synonyms,
    /// Path segments followed by the id: `/households/2001`.
    pub household_path_segments: Synonyms,
    pub contact_path_segments: Synonyms,
    /// Names of hidden inputs holding the id.
    pub household_hidden_inputs: Synonyms,
    pub contact_hidden_inputs: Synonyms,
    /// Parameters or hidden inputs named like this hold the id of whichever
    /// record the page shows.
    pub any_parameters: Synonyms,
    /// Page file names that show a household (`household.htm`).
    pub household_pages: Synonyms,
}

/// SmartOffice as described in the design notes.
pub fn smartoffice() -> &'static RecordProfile {
    static PROFILE: OnceLock<RecordProfile> = OnceLock::new();
    PROFILE.get_or_init(assumed)
}

fn words(list: &[&str]) -> Synonyms {
    list.iter().map(|word| (*word).to_owned()).collect()
}

fn assumed() -> RecordProfile {
    RecordProfile {
        name: "SmartOffice (assumed from the design notes)".into(),
        sections: Sections {
            personal: words(&["Personal", "Personal Information", "Contact"]),
            business: words(&["Business", "Business Information", "Employment"]),
            phones: words(&["Phone Numbers", "Phones", "Phone"]),
            addresses: words(&["Addresses", "Address"]),
            emails: words(&[
                "E-mail/Web Addresses",
                "E-mail Addresses",
                "E-mail",
                "Email Addresses",
            ]),
            key_relations: words(&["Key Relations", "Key Relationships", "Relations"]),
            spouse: words(&["Spouse", "Spouse Information"]),
            household: words(&["Household", "Household Information"]),
            members: words(&["Members", "Household Members"]),
            investments: words(&["Investments", "Investment Accounts"]),
            policies: words(&["Policies", "Insurance Policies"]),
        },
        labels: Labels {
            first_name: words(&["First Name", "First"]),
            last_name: words(&["Last Name", "Last"]),
            birth_date: words(&["Birth Date", "Date of Birth", "DOB", "Birthdate"]),
            marital_status: words(&["Marital Status"]),
            home_phone: words(&["Home Phone"]),
            cell_phone: words(&["Cell Phone", "Cell", "Mobile", "Mobile Phone"]),
            fax: words(&["Fax", "Home Fax"]),
            email: words(&["E-mail", "Email", "E-mail Address"]),
            company: words(&["Company", "Employer", "Company Name"]),
            job_title: words(&["Job Title", "Title", "Position"]),
            business_phone: words(&["Business Phone", "Work Phone"]),
            business_fax: words(&["Business Fax", "Work Fax"]),
            household_address: words(&["Address", "Residence Address", "Household Address"]),
            residence_address: words(&["Residence Address"]),
            business_address: words(&["Business Address"]),
        },
        columns: Columns {
            kind: words(&["Type", "Phone Type", "Address Type", "E-mail Type"]),
            phone_number: words(&["Number", "Phone Number", "Phone"]),
            email_address: words(&["E-mail Address", "Address", "E-mail", "Email"]),
            address_line: words(&["Address", "Full Address"]),
            street1: words(&["Street", "Address Line 1", "Street 1"]),
            street2: words(&["Street 2", "Address Line 2"]),
            city: words(&["City"]),
            state: words(&["State"]),
            postal_code: words(&["Zip", "Postal Code", "Zip Code"]),
            country: words(&["Country"]),
            preferred: words(&["Preferred", "Primary"]),
            relation_name: words(&["Name", "Contact", "Related Contact"]),
            relation_type: words(&[
                "Relation",
                "Relation Type",
                "Relationship",
                "Key Relation Type",
            ]),
            member_name: words(&["Name", "Member"]),
            member_type: words(&["Member Type", "Type", "Role"]),
            member_birth_date: words(&["Birth Date", "Date of Birth", "DOB"]),
            account_name: words(&["Account Name", "Account"]),
            account_value: words(&["Account Value", "Value"]),
            loan_balance: words(&["Loan Balance"]),
            net_value: words(&["Net Value"]),
            options: words(&["Options"]),
            owner: words(&["Owner"]),
            carrier: words(&["Carrier"]),
            plan_name: words(&["Plan Name", "Plan"]),
            policy_number: words(&["Policy #", "Policy Number", "Policy No."]),
            primary_insured: words(&["Primary Insured", "Insured"]),
            total_death_benefits: words(&[
                "Total Death Benefits",
                "Death Benefit",
                "Total Death Benefit",
            ]),
        },
        phone_types: PhoneTypes {
            home: words(&["Home"]),
            cell: words(&["Cell", "Mobile"]),
            fax: words(&["Fax", "Home Fax"]),
            business: words(&["Business", "Work"]),
            business_fax: words(&["Business Fax", "Work Fax"]),
        },
        address_types: AddressTypes {
            residence: words(&["Residence", "Home"]),
            business: words(&["Business", "Work"]),
        },
        email_types: EmailTypes {
            personal: words(&["Personal", "Home"]),
        },
        marital_statuses: MaritalStatuses {
            married: words(&["Married"]),
            single: words(&["Single", "Never Married"]),
            divorced: words(&["Divorced"]),
            widowed: words(&["Widowed", "Widow", "Widower"]),
            separated: words(&["Separated"]),
            domestic_partner: words(&["Domestic Partner", "Domestic Partnership"]),
        },
        spousal_relations: words(&["Husband", "Wife", "Spouse", "Domestic Partner"]),
        member_types: MemberTypes {
            head: words(&["Head", "Head of Household"]),
            spouse: words(&["Spouse"]),
        },
        preferred: Preferred {
            marks: words(&["Yes", "Y", "✓", "✔", "True", "Preferred"]),
            row_classes: words(&["preferred", "so-preferred"]),
        },
        option_separators: vec![',', ';', '|'],
        record_id: RecordId {
            household_parameters: words(&["householdId", "hhId"]),
            contact_parameters: words(&["contactId", "cid"]),
            household_path_segments: words(&["households", "household"]),
            contact_path_segments: words(&["contacts", "contact"]),
            household_hidden_inputs: words(&["householdId"]),
            contact_hidden_inputs: words(&["contactId"]),
            any_parameters: words(&["id", "recordId"]),
            household_pages: words(&["household.htm", "household.html"]),
        },
        owner_words: OwnerWords {
            client: words(&["Client", "Self", "Insured"]),
            spouse: words(&["Spouse", "Co-Client"]),
            joint: words(&[
                "Joint",
                "JTWROS",
                "Joint Tenants",
                "JT TEN",
                "Joint with Spouse",
            ]),
        },
        investment_licence: "Investment Tracking".into(),
        policy_licence: "Policy Tracking".into(),
    }
}
