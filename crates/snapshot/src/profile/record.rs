//! How a SmartOffice record page names things: section headings, field labels,
//! table columns and the values in type columns. All of it is assumed (see
//! docs: smartoffice-pages.md), so it lives here as data and nowhere else; a real
//! office that words things differently needs a change here only.
//!
//! Matching ignores letter case, colons, asterisks and extra spaces. The first
//! synonym of each list is the one SmartOffice shows by default; findings use it
//! to tell the user where to fix a field.

/// Alternative spellings of one heading, label, column or value.
pub type Synonyms = &'static [&'static str];

#[derive(Debug)]
pub struct RecordProfile {
    /// Shown on the options page when this profile matched a page.
    pub name: &'static str,
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
    pub option_separators: &'static [char],
    pub record_id: RecordId,
    /// Words an Owner cell may hold instead of a person's name.
    pub owner_words: OwnerWords,
    /// The SmartOffice licence that shows each section, for findings.
    pub investment_licence: &'static str,
    pub policy_licence: &'static str,
}

/// How the Marital Status field writes each status eMoney knows.
#[derive(Debug)]
pub struct MaritalStatuses {
    pub married: Synonyms,
    pub single: Synonyms,
    pub divorced: Synonyms,
    pub widowed: Synonyms,
    pub separated: Synonyms,
    pub domestic_partner: Synonyms,
}

/// An investment's or policy's Owner written as a role rather than a name.
#[derive(Debug)]
pub struct OwnerWords {
    pub client: Synonyms,
    pub spouse: Synonyms,
    pub joint: Synonyms,
}

/// Section headings (h1–h6 text or fieldset legends).
#[derive(Debug)]
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

/// Field labels of label/value pairs.
#[derive(Debug)]
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
}

/// Header cells of the record's tables.
#[derive(Debug)]
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

#[derive(Debug)]
pub struct PhoneTypes {
    pub home: Synonyms,
    pub cell: Synonyms,
    pub fax: Synonyms,
    pub business: Synonyms,
    pub business_fax: Synonyms,
}

#[derive(Debug)]
pub struct AddressTypes {
    pub residence: Synonyms,
    pub business: Synonyms,
}

#[derive(Debug)]
pub struct EmailTypes {
    pub personal: Synonyms,
}

#[derive(Debug)]
pub struct MemberTypes {
    pub head: Synonyms,
    pub spouse: Synonyms,
}

/// How a table marks its preferred row.
#[derive(Debug)]
pub struct Preferred {
    /// Values of the Preferred column that mean "this one".
    pub marks: Synonyms,
    /// Row classes that mean "this one".
    pub row_classes: Synonyms,
}

/// Where the record's id shows in the record frame.
#[derive(Debug)]
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
pub static SMARTOFFICE: RecordProfile = RecordProfile {
    name: "SmartOffice (assumed from the design notes)",
    sections: Sections {
        personal: &["Personal", "Personal Information", "Contact"],
        business: &["Business", "Business Information", "Employment"],
        phones: &["Phone Numbers", "Phones", "Phone"],
        addresses: &["Addresses", "Address"],
        emails: &[
            "E-mail/Web Addresses",
            "E-mail Addresses",
            "E-mail",
            "Email Addresses",
        ],
        key_relations: &["Key Relations", "Key Relationships", "Relations"],
        spouse: &["Spouse", "Spouse Information"],
        household: &["Household", "Household Information"],
        members: &["Members", "Household Members"],
        investments: &["Investments", "Investment Accounts"],
        policies: &["Policies", "Insurance Policies"],
    },
    labels: Labels {
        first_name: &["First Name", "First"],
        last_name: &["Last Name", "Last"],
        birth_date: &["Birth Date", "Date of Birth", "DOB", "Birthdate"],
        marital_status: &["Marital Status"],
        home_phone: &["Home Phone"],
        cell_phone: &["Cell Phone", "Cell", "Mobile", "Mobile Phone"],
        fax: &["Fax", "Home Fax"],
        email: &["E-mail", "Email", "E-mail Address"],
        company: &["Company", "Employer", "Company Name"],
        job_title: &["Job Title", "Title", "Position"],
        business_phone: &["Business Phone", "Work Phone"],
        business_fax: &["Business Fax", "Work Fax"],
        household_address: &["Address", "Residence Address", "Household Address"],
    },
    columns: Columns {
        kind: &["Type", "Phone Type", "Address Type", "E-mail Type"],
        phone_number: &["Number", "Phone Number", "Phone"],
        email_address: &["E-mail Address", "Address", "E-mail", "Email"],
        address_line: &["Address", "Full Address"],
        street1: &["Street", "Address Line 1", "Street 1"],
        street2: &["Street 2", "Address Line 2"],
        city: &["City"],
        state: &["State"],
        postal_code: &["Zip", "Postal Code", "Zip Code"],
        country: &["Country"],
        preferred: &["Preferred", "Primary"],
        relation_name: &["Name", "Contact", "Related Contact"],
        relation_type: &[
            "Relation",
            "Relation Type",
            "Relationship",
            "Key Relation Type",
        ],
        member_name: &["Name", "Member"],
        member_type: &["Member Type", "Type", "Role"],
        member_birth_date: &["Birth Date", "Date of Birth", "DOB"],
        account_name: &["Account Name", "Account"],
        account_value: &["Account Value", "Value"],
        loan_balance: &["Loan Balance"],
        net_value: &["Net Value"],
        options: &["Options"],
        owner: &["Owner"],
        carrier: &["Carrier"],
        plan_name: &["Plan Name", "Plan"],
        policy_number: &["Policy #", "Policy Number", "Policy No."],
        primary_insured: &["Primary Insured", "Insured"],
        total_death_benefits: &[
            "Total Death Benefits",
            "Death Benefit",
            "Total Death Benefit",
        ],
    },
    phone_types: PhoneTypes {
        home: &["Home"],
        cell: &["Cell", "Mobile"],
        fax: &["Fax", "Home Fax"],
        business: &["Business", "Work"],
        business_fax: &["Business Fax", "Work Fax"],
    },
    address_types: AddressTypes {
        residence: &["Residence", "Home"],
        business: &["Business", "Work"],
    },
    email_types: EmailTypes {
        personal: &["Personal", "Home"],
    },
    marital_statuses: MaritalStatuses {
        married: &["Married"],
        single: &["Single", "Never Married"],
        divorced: &["Divorced"],
        widowed: &["Widowed", "Widow", "Widower"],
        separated: &["Separated"],
        domestic_partner: &["Domestic Partner", "Domestic Partnership"],
    },
    spousal_relations: &["Husband", "Wife", "Spouse", "Domestic Partner"],
    member_types: MemberTypes {
        head: &["Head", "Head of Household"],
        spouse: &["Spouse"],
    },
    preferred: Preferred {
        marks: &["Yes", "Y", "✓", "✔", "True", "Preferred"],
        row_classes: &["preferred", "so-preferred"],
    },
    option_separators: &[',', ';', '|'],
    record_id: RecordId {
        household_parameters: &["householdId", "hhId"],
        contact_parameters: &["contactId", "cid"],
        household_path_segments: &["households", "household"],
        contact_path_segments: &["contacts", "contact"],
        household_hidden_inputs: &["householdId"],
        contact_hidden_inputs: &["contactId"],
        any_parameters: &["id", "recordId"],
        household_pages: &["household.htm", "household.html"],
    },
    owner_words: OwnerWords {
        client: &["Client", "Self", "Insured"],
        spouse: &["Spouse", "Co-Client"],
        joint: &[
            "Joint",
            "JTWROS",
            "Joint Tenants",
            "JT TEN",
            "Joint with Spouse",
        ],
    },
    investment_licence: "Investment Tracking",
    policy_licence: "Policy Tracking",
};
