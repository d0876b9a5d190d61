using System.CommandLine;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Abstractions.Tenants;
using Sparring.Tenancy.Storage;
using Sparring.Tenancy.Tenants;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring tenant create|show|set|rotate-key|rotate-secret: the tenant directory in Table storage. Keys and secrets
/// are printed once, when made; the directory keeps only the key's hash.
/// </summary>
internal static class TenantCommand
{
    private const string Unlimited = "unlimited";

    public static Command Create(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging)
    {
        var storage = new Option<string>("--storage")
        {
            Description = "azurite (the configured storage account, else the repository's Azurite, started if needed), a storage connection string with a Table endpoint, or a Table endpoint (https://<account>.table.core.windows.net) reached with your Azure login.",
            DefaultValueFactory = _ => "azurite",
            Recursive = true,
        };
        var command = new Command("tenant", "Create tenants, show and change their settings, rotate their API key and webhook secret.")
        {
            storage,
            CreateCommand(console, configuration, logging, storage),
            ShowCommand(console, configuration, logging, storage),
            SetCommand(console, configuration, logging, storage),
            RotateKeyCommand(console, configuration, logging, storage),
            RotateSecretCommand(console, configuration, logging, storage),
        };
        return command;
    }

    private static Command CreateCommand(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging, Option<string> storage)
    {
        var id = TenantArgument();
        var (name, episodes, concurrent, callback, cron) = SettingOptions();
        var command = new Command("create", "Create a tenant; prints its API key and webhook secret once.") { id, name, episodes, concurrent, callback, cron };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = await DirectoryAsync(parse.GetRequiredValue(storage), configuration, console, logging, cancellationToken).ConfigureAwait(false);
            var quota = new TenantQuota(Limit(parse.GetValue(episodes), "--episodes-per-month"), (int?)Limit(parse.GetValue(concurrent), "--concurrent-runs"));
            var created = await Guard(() => directory.CreateAsync(
                new TenantDefinition(parse.GetRequiredValue(id), parse.GetValue(name), quota, Url(parse.GetValue(callback)), parse.GetValue(cron)),
                cancellationToken)).ConfigureAwait(false);
            Print(console, created.Tenant);
            console.WriteLine();
            console.MarkupLine("[yellow]Shown once; only the key's hash is stored. Keep them in a secret store.[/]");
            console.WriteLine($"api key:        {created.ApiKey}");
            console.WriteLine($"webhook secret: {created.WebhookSecret}");
            return 0;
        });
        return command;
    }

    private static Command ShowCommand(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging, Option<string> storage)
    {
        var id = TenantArgument();
        var command = new Command("show", "Show a tenant's settings (never its key or secret).") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = await DirectoryAsync(parse.GetRequiredValue(storage), configuration, console, logging, cancellationToken).ConfigureAwait(false);
            var tenant = await directory.GetAsync(parse.GetRequiredValue(id), cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"There is no tenant '{parse.GetRequiredValue(id)}'.");
            Print(console, tenant);
            return 0;
        });
        return command;
    }

    private static Command SetCommand(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging, Option<string> storage)
    {
        var id = TenantArgument();
        var (name, episodes, concurrent, callback, cron) = SettingOptions();
        var command = new Command("set", "Change a tenant's settings; those not given stay as they are ('none' clears the callback URL or schedule).") { id, name, episodes, concurrent, callback, cron };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = await DirectoryAsync(parse.GetRequiredValue(storage), configuration, console, logging, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetRequiredValue(id);
            var current = await directory.GetAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw new CliException($"There is no tenant '{tenantId}'.");
            var quota = current.Quota;
            if (parse.GetValue(episodes) is { } episodesValue)
            {
                quota = quota with { EpisodesPerMonth = Limit(episodesValue, "--episodes-per-month") };
            }

            if (parse.GetValue(concurrent) is { } concurrentValue)
            {
                quota = quota with { ConcurrentRuns = (int?)Limit(concurrentValue, "--concurrent-runs") };
            }

            var url = parse.GetValue(callback);
            var schedule = parse.GetValue(cron);
            var changes = new TenantChanges(
                parse.GetValue(name),
                quota,
                url is null or "none" ? null : Url(url),
                url == "none",
                schedule is null or "none" ? null : schedule,
                schedule == "none");
            Print(console, await Guard(() => directory.UpdateAsync(tenantId, changes, cancellationToken)).ConfigureAwait(false));
            return 0;
        });
        return command;
    }

    private static Command RotateKeyCommand(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging, Option<string> storage)
    {
        var id = TenantArgument();
        var command = new Command("rotate-key", "Replace the tenant's API key; the old key stops working at once. Prints the new key once.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = await DirectoryAsync(parse.GetRequiredValue(storage), configuration, console, logging, cancellationToken).ConfigureAwait(false);
            var key = await Guard(() => directory.RotateApiKeyAsync(parse.GetRequiredValue(id), cancellationToken)).ConfigureAwait(false);
            console.MarkupLine("[yellow]The old key no longer works. The new one is shown once:[/]");
            console.WriteLine($"api key: {key}");
            return 0;
        });
        return command;
    }

    private static Command RotateSecretCommand(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging, Option<string> storage)
    {
        var id = TenantArgument();
        var command = new Command("rotate-secret", "Replace the tenant's webhook secret; signatures made with the old one stop verifying. Prints the new secret once.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = await DirectoryAsync(parse.GetRequiredValue(storage), configuration, console, logging, cancellationToken).ConfigureAwait(false);
            var secret = await Guard(() => directory.RotateWebhookSecretAsync(parse.GetRequiredValue(id), cancellationToken)).ConfigureAwait(false);
            console.MarkupLine("[yellow]The old secret no longer verifies. The new one is shown once:[/]");
            console.WriteLine($"webhook secret: {secret}");
            return 0;
        });
        return command;
    }

    private static Argument<string> TenantArgument() => new("id") { Description = $"The tenant id: {TenantIds.Rule}." };

    private static (Option<string?> Name, Option<string?> Episodes, Option<string?> Concurrent, Option<string?> Callback, Option<string?> Cron) SettingOptions() => (
        new Option<string?>("--name") { Description = "A display name." },
        new Option<string?>("--episodes-per-month") { Description = $"Episodes a month (UTC calendar month), or '{Unlimited}'." },
        new Option<string?>("--concurrent-runs") { Description = $"Runs going at once, or '{Unlimited}'." },
        new Option<string?>("--callback-url") { Description = "Where signed completion callbacks go (https; http only for localhost)." },
        new Option<string?>("--nightly-cron") { Description = "The nightly retraining schedule: a 5-field CRON expression in UTC." });

    private static async Task<TableTenantDirectory> DirectoryAsync(string storage, IConfiguration configuration, IAnsiConsole console, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        TenancyOptions options;
        try
        {
            options = TenancyOptions.FromConfiguration(configuration);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ex.Message);
        }

        TenancyTables tables;
        if (Uri.TryCreate(storage, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http")
        {
            // Bearer tokens travel over TLS only; an http endpoint (Azurite) needs its connection string instead.
            tables = endpoint.Scheme == "https"
                ? new TenancyTables(new TableServiceClient(endpoint, new DefaultAzureCredential()), options.TablePrefix)
                : throw new CliException($"--storage {storage}: a Table endpoint is reached with your Azure login, which needs https; give Azurite's connection string (or 'azurite') instead.");
        }
        else if (storage != "azurite")
        {
            try
            {
                tables = new TenancyTables(new TableServiceClient(storage), options.TablePrefix);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new CliException($"--storage must be 'azurite', a storage connection string or an https Table endpoint: {ex.Message}");
            }
        }
        else if (options.TableServiceUri is not null || options.TableConnectionString is not null)
        {
            tables = TenancyTables.Create(options);
        }
        else
        {
            options.TableConnectionString = await StorageTargets.ConnectionStringAsync(configuration, console, cancellationToken).ConfigureAwait(false);
            tables = TenancyTables.Create(options);
        }

        return new TableTenantDirectory(tables, TimeProvider.System, logging.CreateLogger<TableTenantDirectory>());
    }

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or TenantExistsException or TenantNotFoundException)
        {
            throw new CliException(ex.Message);
        }
    }

    private static long? Limit(string? value, string option)
    {
        if (value is null || value == Unlimited)
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && (option != "--concurrent-runs" || number <= int.MaxValue)
            ? number
            : throw new CliException($"{option} must be a whole number or '{Unlimited}' (it is '{value}').");
    }

    private static Uri? Url(string? value) =>
        value is null ? null : Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : throw new CliException($"--callback-url '{value}' is not an absolute URL.");

    private static void Print(IAnsiConsole console, Tenant tenant)
    {
        console.MarkupLine($"[green]tenant[/] {Markup.Escape(tenant.Id)} ({Markup.Escape(tenant.DisplayName)})");
        console.WriteLine($"  episodes per month: {tenant.Quota.EpisodesPerMonth?.ToString(CultureInfo.InvariantCulture) ?? Unlimited}");
        console.WriteLine($"  concurrent runs:    {tenant.Quota.ConcurrentRuns?.ToString(CultureInfo.InvariantCulture) ?? Unlimited}");
        console.WriteLine($"  callback url:       {tenant.CallbackUrl?.AbsoluteUri ?? "none"}");
        console.WriteLine($"  nightly cron:       {tenant.NightlyCron ?? "none"}");
        console.WriteLine($"  created {tenant.CreatedAt:u}, updated {tenant.UpdatedAt:u}");
    }
}
