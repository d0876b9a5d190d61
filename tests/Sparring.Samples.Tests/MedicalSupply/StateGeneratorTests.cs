using System.Text.Json.Nodes;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Samples.Tests.MedicalSupply;

public sealed class StateGeneratorTests
{
    [Fact]
    public void CommittedStateIsTheGeneratorsOutput()
    {
        var path = Path.Combine(RepositoryPaths.Environment("medical-supply-support"), "state.json");
        GoldenFile.AssertMatches(path, new StateGenerator().GenerateJson());
    }

    [Fact]
    public void SameSeedGivesSameBytesAndAnotherSeedDiffers()
    {
        Assert.Equal(new StateGenerator(7).GenerateJson(), new StateGenerator(7).GenerateJson());
        Assert.NotEqual(new StateGenerator(7).GenerateJson(), new StateGenerator(8).GenerateJson());
    }

    [Fact]
    public void StateIsConsistent()
    {
        var state = new StateGenerator().Generate();
        var customers = state["customers"]!.AsObject();
        var orders = state["orders"]!.AsObject();
        Assert.True(customers.Count >= 50);
        Assert.True(orders.Count >= 150);
        foreach (var (id, order) in orders)
        {
            Assert.NotNull(customers[(string)order!["customerId"]!]);
            Assert.NotNull(state["deliveries"]![(string)order["deliveryId"]!]);
            Assert.NotNull(state["invoices"]![(string)order["invoiceId"]!]);
            Assert.Contains(id, customers[(string)order["customerId"]!]!["orderIds"]!.AsArray().Select(o => (string)o!));
        }

        var statuses = orders.Select(o => (string)o.Value!["status"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "processing", "shipped", "delivered", "cancelled" }, statuses);
        var emails = customers.Select(c => (string)c.Value!["email"]!).ToList();
        Assert.Equal(emails.Count, emails.Distinct().Count());
        Assert.All(state["invoices"]!.AsObject(), i => Assert.Contains((string)i.Value!["status"]!, new[] { "paid", "open", "void", "disputed" }));
    }
}
