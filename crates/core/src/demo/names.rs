//! The demo program's people: names from many languages (accents, Greek and Cyrillic among them,
//! so every screen and PDF shows it can print them; all are in the embedded DejaVu font), and
//! e-mail addresses made from them.

pub const FIRST_NAMES: &[&str] = &[
    "José",
    "Zoë",
    "Amelia",
    "Søren",
    "Aïcha",
    "Łukasz",
    "Siobhán",
    "Mateo",
    "Nguyễn Thị",
    "Priya",
    "Olúwaseun",
    "Ingrid",
    "François",
    "Yuki",
    "Camila",
    "Dmitri",
    "Αθηνά",
    "Мария",
    "Νικόλαος",
    "Ольга",
    "Fatima",
    "Björn",
    "Chiara",
    "Rahul",
    "Noémie",
    "Tomás",
    "Ayşe",
    "Kofi",
    "Elif",
    "Hana",
    "Grace",
    "Daniel",
    "Leah",
    "Marcus",
    "Sofia",
    "Ethan",
    "Maya",
    "Omar",
    "Lucía",
    "Henrik",
];

pub const LAST_NAMES: &[&str] = &[
    "Núñez",
    "Ødegaard",
    "Okafor",
    "Kierkegård",
    "Benali",
    "Wójcik",
    "Ní Bhriain",
    "Herrera",
    "Lan",
    "Raghunathan",
    "Adéyẹmí",
    "Lindqvist",
    "Dubois-Lefèvre",
    "Tanaka",
    "Gonçalves",
    "Volkov",
    "Παπαδοπούλου",
    "Иванова",
    "Σταματίου",
    "Кузнецов",
    "Haddad",
    "Sigurðsson",
    "Esposito",
    "Mehta",
    "Bélanger",
    "O'Connor",
    "Yılmaz",
    "Mensah",
    "Demir",
    "Nováková",
    "Whitfield",
    "Park",
    "Cohen",
    "Abernathy",
    "Rossi",
    "Brennan",
    "Schäfer",
    "Farouk",
    "Martín",
    "Åberg",
    "Fitzgerald",
    "Castellanos",
    "Van der Berg",
    "Kowalczyk",
    "Mbeki",
];

pub const MEDICAL_SCHOOLS: &[&str] = &[
    "Riverside University School of Medicine",
    "Universidad de Chile",
    "University of Oslo, Faculty of Medicine",
    "Lake Erie College of Osteopathic Medicine",
    "Université de Montréal",
    "University of Lagos College of Medicine",
    "Karolinska Institutet",
    "State University of New York Upstate",
    "All India Institute of Medical Sciences",
    "Philadelphia College of Osteopathic Medicine",
];

pub const FACULTY_SPECIALTIES: &[&str] = &[
    "Trauma and Acute Care Surgery",
    "Colorectal Surgery",
    "Surgical Oncology",
    "Vascular Surgery",
    "Pediatric Surgery",
    "Transplant Surgery",
    "Minimally Invasive Surgery",
    "Breast Surgery",
    "Endocrine Surgery",
    "Surgical Critical Care",
];

/// The letters of a name an e-mail can hold: accents folded, other scripts left out.
pub fn email_part(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'a'..='z' | '0'..='9' => Some(c.to_string()),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => Some("a".into()),
            'æ' => Some("ae".into()),
            'ç' => Some("c".into()),
            'è' | 'é' | 'ê' | 'ë' | 'ẹ' => Some("e".into()),
            'ì' | 'í' | 'î' | 'ï' | 'ı' => Some("i".into()),
            'ð' => Some("d".into()),
            'ñ' => Some("n".into()),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => Some("o".into()),
            'ù' | 'ú' | 'û' | 'ü' => Some("u".into()),
            'ý' | 'ÿ' => Some("y".into()),
            'ł' => Some("l".into()),
            'ş' => Some("s".into()),
            'ğ' => Some("g".into()),
            'ễ' => Some("e".into()),
            'ị' => Some("i".into()),
            ' ' | '-' | '\'' => Some(String::new()),
            _ => None,
        };
        if let Some(f) = folded {
            out.push_str(&f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_parts_fold_accents_and_leave_other_scripts_out() {
        assert_eq!(email_part("Núñez"), "nunez");
        assert_eq!(email_part("Ødegaard"), "odegaard");
        assert_eq!(email_part("Ní Bhriain"), "nibhriain");
        assert_eq!(email_part("O'Connor"), "oconnor");
        assert_eq!(email_part("Łukasz"), "lukasz");
        assert_eq!(email_part("Кузнецов"), "");
        assert_eq!(email_part("Αθηνά"), "");
    }
}
