namespace Sparring.Samples.MedicalSupply;

/// <summary>The words the state generator draws from: names, places, card brands, insurers, and the stages orders cycle through.</summary>
internal static class StateVocabulary
{
    public static IReadOnlyList<string> FirstNames { get; } =
    [
        "Margaret", "Harold", "Dorothy", "Walter", "Evelyn", "Frank", "Ruth", "George", "Helen", "Raymond",
        "Betty", "Eugene", "Shirley", "Arthur", "Joan", "Ralph", "Patricia", "Carl", "Barbara", "Roger",
        "Linda", "Dennis", "Carol", "Gerald", "Judith", "Lawrence", "Nancy", "Wayne", "Sandra", "Keith",
        "Donna", "Howard", "Janet", "Russell", "Gloria", "Stanley", "Martha", "Leonard", "Irene", "Victor",
    ];

    public static IReadOnlyList<string> LastNames { get; } =
    [
        "Olsen", "Kowalski", "Brennan", "Lindqvist", "Okafor", "Whitaker", "Novak", "Delgado", "Haugen", "Pruitt",
        "Castellano", "Fairbanks", "Yamamoto", "Gallagher", "Moreau", "Sandoval", "Underwood", "Petrakis", "Hollis", "Vance",
        "Abernathy", "Kessler", "Marchetti", "Stroud", "Iverson", "Bautista", "Crowley", "Lindgren", "Ashford", "Dubois",
    ];

    public static IReadOnlyList<(string City, string State, string Zip)> Cities { get; } =
    [
        ("Springfield", "IL", "62704"), ("Chicago", "IL", "60614"), ("Peoria", "IL", "61602"), ("Naperville", "IL", "60540"),
        ("Madison", "WI", "53703"), ("Milwaukee", "WI", "53202"), ("Green Bay", "WI", "54301"),
        ("Indianapolis", "IN", "46204"), ("Fort Wayne", "IN", "46802"),
        ("Ann Arbor", "MI", "48104"), ("Grand Rapids", "MI", "49503"), ("Lansing", "MI", "48933"),
        ("Columbus", "OH", "43215"), ("Toledo", "OH", "43604"), ("Dayton", "OH", "45402"),
        ("Minneapolis", "MN", "55401"), ("Duluth", "MN", "55802"),
        ("Des Moines", "IA", "50309"), ("Cedar Rapids", "IA", "52401"),
    ];

    public static IReadOnlyList<string> Streets { get; } =
    [
        "Maple Street", "Oak Avenue", "Cedar Lane", "Elm Street", "Birch Road", "Willow Drive", "Lakeview Drive",
        "Prairie Avenue", "Main Street", "Park Place", "Hillcrest Road", "Sunset Boulevard", "Church Street", "River Road",
        "Meadow Lane", "Orchard Way",
    ];

    public static IReadOnlyList<string> CardBrands { get; } = ["Visa", "Mastercard", "Discover", "American Express"];

    public static IReadOnlyList<string> Insurers { get; } = ["Medicare", "Blue Cross Blue Shield", "Aetna", "UnitedHealthcare", "Humana"];

    // The stages cycle across all orders so that every situation the scenarios need exists many times over.
    public static IReadOnlyList<OrderStage> Stages { get; } =
    [
        new("processing", 0, 1),
        new("delivered", 2, 12),
        new("in_transit", 2, 4),
        new("delivered", 31, 90),
        new("delivered", 13, 29),
        new("out_for_delivery", 3, 5),
        new("delivered", 2, 12),
        new("cancelled", 5, 40),
        new("delivered", 91, 200),
        new("processing", 0, 1),
        new("delivered", 13, 29),
        new("delayed", 4, 6),
    ];
}
