//! The client's fields in the advisor's words ("Client's birth date",
//! "Home phone"), for the update prompt and for naming refused fields.

use super::shapes::{Address, Client, Person};

/// One field of a client, by its contract path, with its value as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// The contract's path, e.g. `client.job.address.city`.
    pub path: String,
    pub words: String,
    pub value: Option<String>,
}

impl Leaf {
    /// The top-level field this one belongs to (`client`, `address`, ...):
    /// an update replaces top-level fields whole.
    pub fn top(&self) -> &str {
        self.path.split('.').next().unwrap_or_default()
    }
}

/// Every field of `client` (known or not), always in the same order.
pub fn leaves(client: &Client) -> Vec<Leaf> {
    let mut out = Vec::new();
    push(
        &mut out,
        "maritalStatus",
        "Marital status",
        client.marital_status.as_deref(),
    );
    address(&mut out, "address", "Home address", client.address.as_ref());
    push(
        &mut out,
        "homePhone",
        "Home phone",
        client.home_phone.as_deref(),
    );
    push(&mut out, "fax", "Fax", client.fax.as_deref());
    person(&mut out, "client", "Client's", Some(&client.client));
    person(&mut out, "spouse", "Spouse's", client.spouse.as_ref());
    out
}

fn person(out: &mut Vec<Leaf>, path: &str, whose: &str, person: Option<&Person>) {
    let field = |name: &str| format!("{path}.{name}");
    push(
        out,
        &field("firstName"),
        &format!("{whose} first name"),
        person.map(|p| p.first_name.as_str()),
    );
    push(
        out,
        &field("lastName"),
        &format!("{whose} last name"),
        person.map(|p| p.last_name.as_str()),
    );
    push(
        out,
        &field("dateOfBirth"),
        &format!("{whose} birth date"),
        person.and_then(|p| p.date_of_birth.as_deref()),
    );
    push(
        out,
        &field("email"),
        &format!("{whose} e-mail"),
        person.and_then(|p| p.email.as_deref()),
    );
    push(
        out,
        &field("cellPhone"),
        &format!("{whose} cell phone"),
        person.and_then(|p| p.cell_phone.as_deref()),
    );
    let job = person.and_then(|p| p.job.as_ref());
    push(
        out,
        &field("job.companyName"),
        &format!("{whose} company"),
        job.and_then(|j| j.company_name.as_deref()),
    );
    push(
        out,
        &field("job.jobTitle"),
        &format!("{whose} job title"),
        job.and_then(|j| j.job_title.as_deref()),
    );
    push(
        out,
        &field("job.businessPhone"),
        &format!("{whose} business phone"),
        job.and_then(|j| j.business_phone.as_deref()),
    );
    push(
        out,
        &field("job.businessFax"),
        &format!("{whose} business fax"),
        job.and_then(|j| j.business_fax.as_deref()),
    );
    address(
        out,
        &field("job.address"),
        &format!("{whose} business address"),
        job.and_then(|j| j.address.as_ref()),
    );
}

fn address(out: &mut Vec<Leaf>, path: &str, words: &str, address: Option<&Address>) {
    let parts: [(&str, &str, Option<&String>); 6] = [
        (
            "street1",
            "street",
            address.and_then(|a| a.street1.as_ref()),
        ),
        (
            "street2",
            "second line",
            address.and_then(|a| a.street2.as_ref()),
        ),
        ("city", "city", address.and_then(|a| a.city.as_ref())),
        ("state", "state", address.and_then(|a| a.state.as_ref())),
        (
            "postalCode",
            "ZIP code",
            address.and_then(|a| a.postal_code.as_ref()),
        ),
        (
            "country",
            "country",
            address.and_then(|a| a.country.as_ref()),
        ),
    ];
    for (name, part, value) in parts {
        push(
            out,
            &format!("{path}.{name}"),
            &format!("{words}: {part}"),
            value.map(String::as_str),
        );
    }
}

fn push(out: &mut Vec<Leaf>, path: &str, words: &str, value: Option<&str>) {
    out.push(Leaf {
        path: path.to_owned(),
        words: words.to_owned(),
        value: value.map(str::to_owned),
    });
}

/// Words for a field path eMoney named in a refusal (client, asset or policy).
pub fn in_words(path: &str) -> String {
    let items = [
        ("externalIds", "SmartOffice record link"),
        ("client", "Client"),
        ("spouse", "Spouse"),
        ("address", "Home address"),
        ("client.job", "Client's job"),
        ("spouse.job", "Spouse's job"),
        ("name", "Investment account name"),
        ("holdingsValue", "Investment account value"),
        ("cashBalance", "Investment loan balance"),
        ("totalValue", "Investment net value"),
        ("typeOfFunds", "Investment options"),
        ("owner", "Owner"),
        ("policyName", "Policy carrier and plan name"),
        ("policyNumber", "Policy number"),
        ("currentDeathBenefit", "Policy total death benefit"),
    ];
    if let Some((_, words)) = items.iter().find(|(known, _)| *known == path) {
        return (*words).to_owned();
    }
    let full = Client {
        spouse: Some(Person::default()),
        ..Client::default()
    };
    leaves(&full)
        .into_iter()
        .find(|leaf| leaf.path == path)
        .map_or_else(|| path.to_owned(), |leaf| leaf.words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_fields_are_named_in_words() {
        assert_eq!(in_words("client.dateOfBirth"), "Client's birth date");
        assert_eq!(
            in_words("spouse.job.address.postalCode"),
            "Spouse's business address: ZIP code"
        );
        assert_eq!(in_words("homePhone"), "Home phone");
        assert_eq!(in_words("policyNumber"), "Policy number");
        assert_eq!(in_words("somethingNew"), "somethingNew");
    }
}
