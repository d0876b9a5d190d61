namespace Sparring.Serving.Protocol;

/// <summary>One served model.</summary>
/// <param name="Id">The id to put in a request's model field.</param>
/// <param name="Object">Always "model".</param>
/// <param name="Created">Unix seconds when the server started.</param>
/// <param name="OwnedBy">Always "sparring".</param>
internal sealed record ModelEntry(string Id, string Object, long Created, string OwnedBy);
