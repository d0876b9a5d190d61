using System.CommandLine;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Models;
using Sparring.Serving.Hosting;
using Sparring.Serving.Models;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring serve &lt;env&gt; --policy &lt;spec&gt;: serves a policy as an OpenAI-compatible /v1/chat/completions until
/// Ctrl+C. The policy comes from the same catalog as eval and run, so every policy spec they take serves too.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(IAnsiConsole console, EnvironmentLoader loader, IModelCatalog models, ILoggerFactory logging)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder or spec file (rule-based policies such as reference are made for one)." };
        var policy = new Option<string>("--policy") { Description = $"{string.Join(", ", ModelNames.PolicyForms)} or checkpoint:<folder> (a trained checkpoint).", DefaultValueFactory = _ => ModelNames.Reference };
        var modelId = new Option<string?>("--model-id") { Description = "The model id clients put in requests; default the policy spec." };
        var host = new Option<string>("--host") { Description = "IP address to listen on, localhost, or * for every interface.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port; 0 picks a free one.", DefaultValueFactory = _ => 8000 };

        var command = new Command("serve", "Serve a policy as an OpenAI-compatible chat completions API until Ctrl+C.")
        {
            environment, policy, modelId, host, port,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await loader.LoadAsync(parse.GetRequiredValue(environment), cancellationToken).ConfigureAwait(false);
            var spec = parse.GetRequiredValue(policy);
            var chosen = models.Policy(spec, loaded);
            var id = parse.GetValue(modelId) ?? spec;
            await using var served = new ServedModels().Add(id, chosen.Client);
            var options = new ChatCompletionsServerOptions { Host = parse.GetRequiredValue(host), Port = parse.GetRequiredValue(port), LoggerFactory = logging };

            ChatCompletionsServer server;
            try
            {
                server = await ChatCompletionsServer.StartAsync(served, options, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter")[0]);
            }
            catch (IOException ex)
            {
                throw new CliException($"Cannot listen on {options.Host}:{options.Port}: {ex.Message}");
            }

            await using (server.ConfigureAwait(false))
            {
                console.MarkupLine($"Serving [bold]{Markup.Escape(id)}[/] ({Markup.Escape(chosen.Identity.ToString())}) for {Markup.Escape(loaded.Spec.Name)} at {Markup.Escape(server.BaseAddress.ToString())}");
                console.MarkupLine($"  POST {Markup.Escape(new Uri(server.BaseAddress, "chat/completions").ToString())}, GET {Markup.Escape(new Uri(server.BaseAddress, "models").ToString())}; Ctrl+C stops.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C is how serving ends: a normal exit, not a cancelled command.
                }

                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            console.MarkupLine("Stopped.");
            return 0;
        });
        return command;
    }
}
