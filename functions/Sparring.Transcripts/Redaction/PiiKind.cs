namespace Sparring.Transcripts.Redaction;

/// <summary>The kinds of personal information the redactor replaces, each with its placeholder.</summary>
public enum PiiKind
{
    /// <summary>An email address: [EMAIL].</summary>
    Email,

    /// <summary>A US phone number: [PHONE].</summary>
    Phone,

    /// <summary>A payment card number (13–19 digits passing the Luhn check, or introduced as a card): [CARD].</summary>
    Card,

    /// <summary>A street address (house number, street name, suffix, optional unit, city, state, zip): [ADDRESS].</summary>
    Address,

    /// <summary>A date introduced as a date of birth: [DOB].</summary>
    DateOfBirth,

    /// <summary>A person's name where it is introduced as one ("my name is …", "that's my full name", a record's name field): [NAME].</summary>
    Name,
}
