/// The words `cardbox-bench corpus` builds contacts from: names, companies,
/// places and notes in the scripts and shapes that real address books hold
/// (accents, CJK, Greek, Cyrillic, apostrophes, commas and semicolons that need
/// escaping, multi-line and long notes).
enum CorpusVocabulary {
    static let givenNames = [
        "Ana", "Lucía", "Jürgen", "Zoë", "Renée", "François", "Søren", "Åke", "Bjørk", "Siobhán",
        "Niamh", "Eoin", "Ahmed", "Leila", "Olga", "Sergei", "Γιώργος", "Δήμητρα", "Mei", "Jun",
        "Haruto", "Sakura", "Minh", "Ngọc", "Ananya", "Rohan", "Peter", "Sarah", "Tom", "Grace",
        "José Luis", "Małgorzata", "Tamás", "Chiamaka", "Kofi", "Ines", "Élodie", "Matteo", "Giulia",
        "Henrik", "Freya", "Pablo", "Valentina", "Oskar", "Nora", "Ruth", "Samuel", "Ivy",
    ]
    static let familyNames = [
        "García", "Martínez Ruiz", "Müller", "Weiß", "Ørsted", "Jørgensen", "O'Neill", "McCarthy",
        "Nguyễn", "Phạm", "Suzuki", "Watanabe", "Smith", "Clarke", "Moreau", "Lefèbvre", "Nowak",
        "Wójcik", "Georgiou", "Παπαδάκης", "Petrova", "Смирнов", "Iyer", "Reddy", "Adeyemi",
        "Boateng", "van Dijk", "de los Santos", "Fernández", "Rossi", "Bianchi", "Lindqvist",
        "Hansen", "Szabó", "Öztürk", "Kaya", "Walker", "Evans",
    ]
    /// Family name first, as written in CJK scripts; the display name has no space.
    static let eastAsianNames = [
        ("王", "小明"), ("李", "秀英"), ("张", "伟"), ("陈", "丽"), ("高橋", "健"), ("田中", "美咲"),
        ("이", "지훈"), ("최", "수빈"),
    ]
    static let middleNames = ["", "", "", "", "", "Marie", "José", "K.", "Anne"]
    static let prefixes = ["", "", "", "", "", "Dr.", "Prof.", "Mrs.", "Mx."]
    static let suffixes = ["", "", "", "", "", "", "Jr.", "MBA", "II"]
    static let nicknames = ["Lu", "Jojo", "Bear", "Kiki", "Sam", "Doc", "小王", "Pip"]
    static let companies = [
        "Northwind Traders", "Contoso Ltd.", "Fabrikam GmbH", "Nordlys Énergie AS", "上海数据科技有限公司",
        "Blue Yonder Airlines", "Baker, Lee & Ortiz LLP", "Schäfer & Töchter OHG", "Panadería Niño S.L.",
        "Litware Inc.", "Adventure Works", "Lamna; Healthcare", "Proseware", "Wingtip Toys",
        "Tailspin Studios", "Coho Vineyard", "Humongous Insurance", "Margie's Travel",
    ]
    static let departments = ["Platform", "Sales", "Growth", "R&D", "Legal", "Accounts", "Customer Care"]
    static let titles = [
        "Staff Engineer", "Sales Director", "CFO", "Programme Manager", "Account Manager",
        "UX Designer", "Data Scientist", "Jefa de Proyecto", "Abteilungsleiterin", "Advisor",
        "Director, Strategic Partnerships", "Receptionist", "Apprentice",
    ]
    static let roles = ["Budget holder", "Technical lead", "Invoices", "Sponsor"]
    /// (street, city, region, postal code, country)
    static let places = [
        ("Gran Vía", "Madrid", "Madrid", "28013", "Spain"),
        ("Kaufingerstraße", "München", "Bayern", "80331", "Germany"),
        ("Nyhavn", "København", "", "1051", "Denmark"),
        ("O'Connell Street", "Dublin", "", "D01 F5P2", "Ireland"),
        ("Boulevard Saint-Michel", "Paris", "Île-de-France", "75005", "France"),
        ("Elm Street", "Portland", "OR", "97205", "USA"),
        ("Huaihai Road", "上海", "上海市", "200031", "China"),
        ("Limmatquai", "Zürich", "ZH", "8001", "Switzerland"),
        ("Storgata", "Tromsø", "", "9008", "Norway"),
        ("Πανεπιστημίου", "Αθήνα", "Αττική", "106 79", "Greece"),
    ]
    static let tags = [
        "work", "family", "friends", "vip", "conference", "investor", "press", "customer",
        "vendor", "crèche", "tennis", "reading-group", "2025-summit", "prospect", "alumni",
    ]
    /// Custom field keys with their values; nil means a generated value.
    static let customFields: [(key: String, values: [String]?)] = [
        ("tier", ["gold", "silver", "bronze", "platinum"]),
        ("channel", ["web", "referral", "import", "event"]),
        ("customer-no", nil),
        ("profile", nil),
        ("colour", ["green", "azul", "gelb", "紫"]),
        ("rating", nil),
    ]
    static let notes = [
        "Prefers calls before noon; met at the autumn fair.",
        "Send the quarterly report, CC the assistant.",
        "Vegetarian. Remember the holiday card!",
        "Referred by Lucía García (formerly at Contoso); evaluating the team plan, decision expected in Q2.",
        "Teléfono personal: sólo en emergencias.",
        "Zieht im Frühjahr nach Köln um.",
        "喜欢绿茶和书法。",
        "Three lines:\nfirst, with a comma\nsecond; with a semicolon",
        "Long note: " + String(repeating: "The quick brown fox jumps over the lazy dog while the committee "
                                        + "reviews the annual budget, line by line, without haste. ", count: 3),
        "",
    ]
    static let domains = ["example.com", "example.org", "example.net", "post.example.de", "correo.example.es"]
    /// `PRODID` values of the exporters whose shapes the cards imitate.
    static let productIDs = ["-//Apple Inc.//iPhone OS 17.4//EN", "-//Google Inc.//Contacts//EN", "-//Nextcloud Contacts v5.5.3//EN"]
}
