using System.Net;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Tests;

public class TransientFaultsTests
{
    private sealed class SdkException(int status) : Exception("sdk")
    {
        public int Status { get; } = status;
    }

    public static TheoryData<Exception, bool> Cases => new()
    {
        { new HttpRequestException("down", null, HttpStatusCode.ServiceUnavailable), true },
        { new HttpRequestException("slow down", null, HttpStatusCode.TooManyRequests), true },
        { new HttpRequestException("no route"), true },
        { new HttpRequestException("bad request", null, HttpStatusCode.BadRequest), false },
        { new SdkException(503), true },
        { new SdkException(429), true },
        { new SdkException(404), false },
        { new TimeoutException(), true },
        { new IOException("connection reset"), true },
        { new FileNotFoundException("spec.yaml"), false },
        { new InvalidOperationException("bug"), false },
        { new InvalidOperationException("wrapped", new SdkException(500)), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_failures_worth_retrying_are_transient(Exception exception, bool transient)
    {
        Assert.Equal(transient, TransientFaults.IsTransient(exception));
    }
}
