namespace Sparring.TrainingQueue.StorageQueues;

/// <summary>
/// How training jobs are written on Storage queues: the job's JSON as plain UTF-8 text (readable in Storage Explorer).
/// Base64-encoded JSON (what Azure Functions' queue bindings and some tools write) is accepted too.
/// </summary>
public static class QueueMessageText
{
    /// <summary>The JSON in a message body: the text itself when it starts with '{', else its base64 decoding when it is valid base64, else the text as it is (and parsing then says what is wrong).</summary>
    public static BinaryData Decode(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = body.ToString().Trim();
        if (text.StartsWith('{'))
        {
            return body;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0
            ? BinaryData.FromBytes(buffer.AsMemory(0, written))
            : BinaryData.FromString(text);
    }
}
