using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.ServiceBus;

namespace Sparring.TrainingQueue.Tests;

public class ServiceBusJobHandlerTests
{
    private static readonly TrainingJob Job = Jobs.Sample();

    private static ServiceBusReceivedMessage Message(string body, int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString(body), messageId: "m-1", deliveryCount: deliveryCount);

    private static Mock<ProcessMessageEventArgs> Args(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        new(message, Mock.Of<ServiceBusReceiver>(), cancellationToken) { CallBase = false };

    private static ServiceBusJobHandler Handler(Func<TrainingJob, CancellationToken, Task<TrainingJobResult>> run, int maxAttempts = 3) =>
        new(Jobs.Processor(new FakeRunner(run), maxAttempts), NullLogger<ServiceBusJobHandler>.Instance);

    [Fact]
    public async Task A_trained_job_completes_its_message()
    {
        TrainingJob? received = null;
        var args = Args(Message(Jobs.Body(Job)));

        await Handler((job, _) => { received = job; return Task.FromResult(new TrainingJobResult(job.Output, false)); }).HandleAsync(args.Object);

        Assert.Equal(Job.JobId, received!.JobId);
        Assert.Equal(3e-4, received.Hyperparameters["learningRate"].GetDouble());
        args.Verify(a => a.CompleteMessageAsync(args.Object.Message, It.IsAny<CancellationToken>()), Times.Once);
        args.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_redelivered_job_already_trained_completes_without_error()
    {
        var args = Args(Message(Jobs.Body(Job), deliveryCount: 2));

        await Handler((job, _) => Task.FromResult(new TrainingJobResult(job.Output, AlreadyTrained: true))).HandleAsync(args.Object);

        args.Verify(a => a.CompleteMessageAsync(args.Object.Message, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_failed_attempt_is_abandoned_for_redelivery()
    {
        var args = Args(Message(Jobs.Body(Job), deliveryCount: 1));

        await Handler((_, _) => throw new IOException("blob timeout")).HandleAsync(args.Object);

        args.Verify(a => a.AbandonMessageAsync(args.Object.Message, null, It.IsAny<CancellationToken>()), Times.Once);
        args.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task The_last_allowed_attempt_dead_letters_with_the_reason()
    {
        var args = Args(Message(Jobs.Body(Job), deliveryCount: 3));

        await Handler((_, _) => throw new IOException("blob timeout")).HandleAsync(args.Object);

        args.Verify(a => a.DeadLetterMessageAsync(args.Object.Message, "MaxAttemptsExceeded", It.Is<string>(d => d.Contains("attempt 3") && d.Contains("blob timeout")), It.IsAny<CancellationToken>()), Times.Once);
        args.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_job_that_can_never_succeed_is_dead_lettered_at_once()
    {
        var args = Args(Message(Jobs.Body(Job), deliveryCount: 1));

        await Handler((_, _) => throw new PermanentJobFailureException("unknown hyperparameter 'lr'")).HandleAsync(args.Object);

        args.Verify(a => a.DeadLetterMessageAsync(args.Object.Message, "PermanentFailure", "unknown hyperparameter 'lr'", It.IsAny<CancellationToken>()), Times.Once);
        args.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("not json", "not a training job")]
    [InlineData("null", "JSON null")]
    [InlineData("""{"schemaVersion":"9.0","jobId":"j","tenant":"t","kind":"sft","environment":{},"output":{"name":"m","version":"1"}}""", "schema version '9.0'")]
    [InlineData("""{"jobId":"j","tenant":"t","kind":"dance","environment":{},"output":{"name":"m","version":"1"}}""", "not a training job")]
    [InlineData("""{"jobId":"j","tenant":"t","kind":"sft","environment":{},"output":{"name":"m","version":"1"},"extra":1}""", "not a training job")]
    [InlineData("""{"jobId":"j","tenant":"t","kind":"sft","environment":{},"output":{"name":"../m","version":"1"}}""", "Model name (Name) '../m'")]
    [InlineData("""{"jobId":"j","tenant":"t","kind":"sft","environment":{},"output":{"name":"m","version":"current"}}""", "'current' is the name of the model's pointer")]
    [InlineData("""{"jobId":"j","tenant":"t","kind":"sft","environment":{},"output":{"name":"m"}}""", "Version")]
    public async Task A_malformed_message_is_dead_lettered_without_running_anything(string body, string reason)
    {
        var ran = false;
        var args = Args(Message(body));

        await Handler((job, _) => { ran = true; return Task.FromResult(new TrainingJobResult(job.Output, false)); }).HandleAsync(args.Object);

        Assert.False(ran);
        args.Verify(a => a.DeadLetterMessageAsync(args.Object.Message, "MalformedJob", It.Is<string>(d => d.Contains(reason)), It.IsAny<CancellationToken>()), Times.Once);
        args.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_lock_lost_at_settlement_is_logged_and_the_message_comes_back()
    {
        var args = Args(Message(Jobs.Body(Job)));
        args.Setup(a => a.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("lock lost", ServiceBusFailureReason.MessageLockLost));

        await Handler((job, _) => Task.FromResult(new TrainingJobResult(job.Output, false))).HandleAsync(args.Object);

        args.Verify(a => a.CompleteMessageAsync(args.Object.Message, It.IsAny<CancellationToken>()), Times.Once);
        args.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_lock_lost_while_training_interrupts_the_job_and_settles_nothing()
    {
        var message = Message(Jobs.Body(Job));
        var args = Args(message);
        args.Protected().Setup<Task>("OnMessageLockLostAsync", ItExpr.IsAny<MessageLockLostEventArgs>()).CallBase();
        var interrupted = false;

        await Handler(async (_, token) =>
        {
            // What the processor's lock renewal does when it cannot renew.
            await (Task)typeof(ProcessMessageEventArgs).GetMethod("OnMessageLockLostAsync", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
                .Invoke(args.Object, [new MessageLockLostEventArgs(message, new ServiceBusException("renewal failed", ServiceBusFailureReason.MessageLockLost))])!;
            interrupted = token.IsCancellationRequested;
            token.ThrowIfCancellationRequested();
            throw new InvalidOperationException("unreachable");
        }).HandleAsync(args.Object);

        Assert.True(interrupted);
        args.Protected().Verify("OnMessageLockLostAsync", Times.Once(), ItExpr.IsAny<MessageLockLostEventArgs>());
        args.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_stopping_worker_abandons_the_job_it_was_training()
    {
        using var stopping = new CancellationTokenSource();
        var args = Args(Message(Jobs.Body(Job)), stopping.Token);

        await Handler(async (_, token) =>
        {
            await stopping.CancelAsync();
            token.ThrowIfCancellationRequested();
            throw new InvalidOperationException("unreachable");
        }).HandleAsync(args.Object);

        args.Verify(a => a.AbandonMessageAsync(args.Object.Message, null, It.IsAny<CancellationToken>()), Times.Once);
        args.VerifyNoOtherCalls();
    }
}
