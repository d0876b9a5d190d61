using System.Globalization;
using System.Text.Json.Nodes;
using Sparring.Engine.Tools;
using static Sparring.Samples.MedicalSupply.StateVocabulary;

namespace Sparring.Samples.MedicalSupply;

/// <summary>Builds one generated state from a random sequence; <see cref="StateGenerator"/> is its public face.</summary>
internal sealed class StateBuilder(DeterministicRandom random)
{
    private readonly JsonObject _customers = [];
    private readonly JsonObject _orders = [];
    private readonly JsonObject _deliveries = [];
    private readonly JsonObject _invoices = [];
    private readonly JsonObject _disputes = [];
    private readonly JsonObject _visits = [];
    private readonly HashSet<string> _serials = new(StringComparer.Ordinal);
    private int _orderNumber = 20001;
    private int _stageIndex;
    private int _cardNumber = 5001;
    private int _chargeNumber = 700001;
    private int _paidInvoices;

    public JsonObject Build()
    {
        var names = PickNames();
        for (var i = 0; i < StateGenerator.CustomerCount; i++)
        {
            AddCustomer(1001 + i, names[i].First, names[i].Last);
        }

        var slots = TechnicianSlots();
        AddExistingVisit(slots);
        return new JsonObject
        {
            ["policy"] = new JsonObject
            {
                ["returnWindowDays"] = 30,
                ["restockingFeePercent"] = 15,
                ["disputeWindowDays"] = 120,
                ["supportHours"] = "Monday to Saturday, 7am to 9pm Central",
            },
            ["servicedStates"] = new JsonObject
            {
                ["IL"] = new JsonArray("60", "61", "62"),
                ["WI"] = new JsonArray("53", "54"),
                ["IN"] = new JsonArray("46", "47"),
                ["MI"] = new JsonArray("48", "49"),
                ["OH"] = new JsonArray("43", "44", "45"),
                ["MN"] = new JsonArray("55", "56"),
                ["IA"] = new JsonArray("50", "51", "52"),
            },
            ["products"] = Products(),
            ["customers"] = _customers,
            ["orders"] = _orders,
            ["deliveries"] = _deliveries,
            ["invoices"] = _invoices,
            ["disputes"] = _disputes,
            ["returns"] = new JsonObject(),
            ["technicianSlots"] = slots,
            ["technicianVisits"] = _visits,
        };
    }

    private static JsonObject Products()
    {
        var products = new JsonObject();
        foreach (var product in CatalogProduct.All)
        {
            products[product.Sku] = new JsonObject
            {
                ["sku"] = product.Sku,
                ["name"] = product.Name,
                ["category"] = product.Category,
                ["therapy"] = product.Therapy,
                ["deviceType"] = product.DeviceType,
                ["price"] = product.Price,
                ["singleUse"] = product.SingleUse,
            };
        }

        return products;
    }

    private List<(string First, string Last)> PickNames()
    {
        var names = new List<(string First, string Last)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < StateGenerator.CustomerCount)
        {
            var first = random.Pick(FirstNames);
            var last = random.Pick(LastNames);
            if (used.Add(first + " " + last))
            {
                names.Add((first, last));
            }
        }

        return names;
    }

    private void AddCustomer(int number, string first, string last)
    {
        var id = $"CUS-{number}";
        var roll = random.NextDouble();
        var therapies = roll < 0.45 ? new[] { "oxygen" } : roll < 0.9 ? ["cpap"] : ["oxygen", "cpap"];
        var place = random.Pick(Cities);
        var address = new JsonObject
        {
            ["line1"] = $"{10 + random.Next(9000)} {random.Pick(Streets)}",
            ["line2"] = random.NextDouble() < 0.2 ? $"Apt {1 + random.Next(20)}{(char)('A' + random.Next(4))}" : null,
            ["city"] = place.City,
            ["state"] = place.State,
            ["zip"] = place.Zip,
        };
        var birth = new DateOnly(1932, 1, 1).AddDays(random.Next(365 * 44));
        var cards = new JsonArray();
        var cardCount = random.NextDouble() < 0.3 ? 2 : 1;
        for (var k = 0; k < cardCount; k++)
        {
            cards.Add(new JsonObject
            {
                ["id"] = $"PM-{_cardNumber++}",
                ["type"] = "credit_card",
                ["brand"] = random.Pick(CardBrands),
                ["last4"] = (1000 + random.Next(9000)).ToString(CultureInfo.InvariantCulture),
            });
        }

        JsonObject? insurance = random.NextDouble() < 0.8
            ? new JsonObject
            {
                ["provider"] = random.Pick(Insurers),
                ["memberId"] = $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{100000000 + random.Next(900000000)}",
            }
            : null;

        var devices = new JsonArray();
        foreach (var therapy in therapies)
        {
            var common = random.NextDouble() < 0.75;
            var sku = therapy == "oxygen" ? (common ? "OC-5L" : "OC-POC") : (common ? "CPAP-AS11" : "CPAP-MINI");
            var model = CatalogProduct.All.First(p => p.Sku == sku);
            devices.Add(Device(model, new DateOnly(2022, 3, 1).AddDays(random.Next(1000)), null));
        }

        var customer = new JsonObject
        {
            ["id"] = id,
            ["firstName"] = first,
            ["lastName"] = last,
            ["email"] = $"{first}.{last}{10 + random.Next(90)}@example.com".ToLowerInvariant(),
            ["phone"] = $"555-{number - 1001 + 100:D4}",
            ["dateOfBirth"] = Date(birth),
            ["address"] = address,
            ["paymentMethods"] = cards,
            ["insurance"] = insurance,
            ["devices"] = devices,
            ["orderIds"] = new JsonArray(),
        };
        _customers[id] = customer;

        var plans = new List<PlannedOrder>();
        var count = 2 + random.Next(3);
        for (var k = 0; k < count; k++)
        {
            plans.Add(Plan(Stages[_stageIndex++ % Stages.Count]));
        }

        foreach (var plan in plans.OrderBy(p => p.PlacedAt))
        {
            AddOrder(customer, therapies, plan);
        }
    }

    private PlannedOrder Plan(OrderStage stage)
    {
        var daysAgo = stage.MinDaysAgo + random.Next(stage.MaxDaysAgo - stage.MinDaysAgo + 1);
        if (stage.Kind == "delivered")
        {
            var delivered = Today.AddDays(-daysAgo);
            return new PlannedOrder(stage, delivered.AddDays(-(3 + random.Next(3))), delivered);
        }

        return new PlannedOrder(stage, Today.AddDays(-daysAgo), null);
    }

    private void AddOrder(JsonObject customer, string[] therapies, PlannedOrder plan)
    {
        var number = _orderNumber++;
        var orderId = $"ORD-{number}";
        var customerId = (string)customer["id"]!;
        var items = PickItems(therapies);
        var total = Money(items.Sum(i => i.Product.Price * i.Quantity));
        var cards = (JsonArray)customer["paymentMethods"]!;
        var paymentMethodId = (string)cards[random.Next(cards.Count)]!["id"]!;
        var kind = plan.Stage.Kind;
        var status = kind switch
        {
            "processing" => "processing",
            "delivered" => "delivered",
            "cancelled" => "cancelled",
            _ => "shipped",
        };
        var cancelledAt = kind == "cancelled" ? plan.PlacedAt.AddDays(random.Next(2)) : (DateOnly?)null;

        _orders[orderId] = new JsonObject
        {
            ["id"] = orderId,
            ["customerId"] = customerId,
            ["placedAt"] = Date(plan.PlacedAt),
            ["status"] = status,
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject
            {
                ["sku"] = i.Product.Sku,
                ["name"] = i.Product.Name,
                ["quantity"] = i.Quantity,
                ["unitPrice"] = i.Product.Price,
            })]),
            ["total"] = total,
            ["paymentMethodId"] = paymentMethodId,
            ["shippingAddress"] = customer["address"]!.DeepClone(),
            ["deliveryId"] = $"DLV-{number}",
            ["invoiceId"] = $"INV-{number}",
            ["deliveredAt"] = plan.DeliveredAt is { } d ? Date(d) : null,
            ["cancelledAt"] = cancelledAt is { } c ? Date(c) : null,
        };
        ((JsonArray)customer["orderIds"]!).Add(orderId);
        _deliveries[$"DLV-{number}"] = Delivery(number, orderId, customer, plan, items.Any(i => i.Product.IsDevice), cancelledAt);
        AddInvoice(number, orderId, customer, plan, items, total, paymentMethodId, cancelledAt);

        if (plan.DeliveredAt is { } deliveredAt)
        {
            foreach (var item in items.Where(i => i.Product.IsDevice))
            {
                ((JsonArray)customer["devices"]!).Add(Device(item.Product, deliveredAt, orderId));
            }
        }
    }

    private List<(CatalogProduct Product, int Quantity)> PickItems(string[] therapies)
    {
        var pool = CatalogProduct.All.Where(p => therapies.Contains(p.Therapy)).ToList();
        var items = new List<(CatalogProduct Product, int Quantity)>();
        if (random.NextDouble() < 0.22)
        {
            items.Add((random.Pick(pool.Where(p => p.IsDevice).ToList()), 1));
        }

        var others = pool.Where(p => !p.IsDevice).ToList();
        var wanted = items.Count + 1 + random.Next(2);
        while (items.Count < wanted)
        {
            var product = random.Pick(others);
            if (items.All(i => i.Product.Sku != product.Sku))
            {
                items.Add((product, product.Category == "consumable" ? 1 + random.Next(3) : 1));
            }
        }

        return items;
    }

    private JsonObject Device(CatalogProduct model, DateOnly since, string? orderId)
    {
        string serial;
        do
        {
            serial = $"{model.SerialPrefix}-{100000 + random.Next(900000)}";
        }
        while (!_serials.Add(serial));

        return new JsonObject
        {
            ["serialNumber"] = serial,
            ["sku"] = model.Sku,
            ["name"] = model.Name,
            ["deviceType"] = model.DeviceType,
            ["since"] = Date(since),
            ["orderId"] = orderId,
        };
    }

    private JsonObject Delivery(int number, string orderId, JsonObject customer, PlannedOrder plan, bool hasDevice, DateOnly? cancelledAt)
    {
        var carrier = hasDevice ? "MedExpress Courier" : random.NextDouble() < 0.5 ? "UPS" : "FedEx";
        var placed = plan.PlacedAt;
        var events = new JsonArray { Event(placed, "Order received; preparing for dispatch") };
        string status;
        string? tracking = null;
        DateOnly? dispatched = null;
        DateOnly estimated;
        DateOnly? delivered = null;
        string? signedBy = null;
        switch (plan.Stage.Kind)
        {
            case "processing":
                status = "pending";
                estimated = placed.AddDays(5);
                break;
            case "cancelled":
                status = "cancelled";
                estimated = placed.AddDays(5);
                events.Add(Event(cancelledAt!.Value, "Order cancelled before dispatch"));
                break;
            default:
                dispatched = placed.AddDays(1);
                tracking = TrackingNumber(carrier);
                events.Add(Event(dispatched.Value, "Dispatched from the Columbus, OH warehouse"));
                (status, estimated, delivered) = plan.Stage.Kind switch
                {
                    "in_transit" => ("in_transit", Today.AddDays(1 + random.Next(3)), (DateOnly?)null),
                    "out_for_delivery" => ("out_for_delivery", Today, null),
                    "delayed" => ("delayed", Today.AddDays(2 + random.Next(2)), null),
                    _ => ("delivered", plan.DeliveredAt!.Value, plan.DeliveredAt),
                };
                if (status != "delivered" || plan.DeliveredAt!.Value > dispatched.Value.AddDays(1))
                {
                    events.Add(Event(dispatched.Value.AddDays(1), "In transit"));
                }

                if (status == "out_for_delivery")
                {
                    events.Add(Event(Today, "Out for delivery"));
                }
                else if (status == "delayed")
                {
                    events.Add(Event(Today.AddDays(-1), "Weather delay at the regional hub; delivery rescheduled"));
                }
                else if (status == "delivered")
                {
                    signedBy = (string)customer["firstName"]! + " " + (string)customer["lastName"]!;
                    events.Add(Event(delivered!.Value, $"Delivered, signed by {signedBy}"));
                }

                break;
        }

        return new JsonObject
        {
            ["id"] = $"DLV-{number}",
            ["orderId"] = orderId,
            ["carrier"] = carrier,
            ["trackingNumber"] = tracking,
            ["status"] = status,
            ["dispatchedAt"] = dispatched is { } d ? Date(d) : null,
            ["estimatedDelivery"] = Date(estimated),
            ["deliveredAt"] = delivered is { } done ? Date(done) : null,
            ["signedBy"] = signedBy,
            ["address"] = customer["address"]!.DeepClone(),
            ["events"] = events,
        };
    }

    private static JsonObject Event(DateOnly date, string description) => new()
    {
        ["date"] = Date(date),
        ["description"] = description,
    };

    private string TrackingNumber(string carrier)
    {
        const string Alphanumeric = "ABCDEFGHJKLMNPRSTUVWXY0123456789";
        return carrier switch
        {
            "UPS" => "1Z" + string.Concat(Enumerable.Range(0, 6).Select(_ => Alphanumeric[random.Next(Alphanumeric.Length)])) + $"{random.Next(100000):D5}{random.Next(100000):D5}",
            "FedEx" => $"{100000 + random.Next(900000)}{random.Next(1000000):D6}",
            _ => $"MX{10000000 + random.Next(90000000)}",
        };
    }

    private void AddInvoice(int number, string orderId, JsonObject customer, PlannedOrder plan, List<(CatalogProduct Product, int Quantity)> items, decimal total, string paymentMethodId, DateOnly? cancelledAt)
    {
        var invoiceId = $"INV-{number}";
        var insurer = customer["insurance"] is JsonObject insurance ? (string)insurance["provider"]! : null;
        // Insurers here cover 80% of devices and their accessories; consumables are self-pay.
        var covered = insurer is null ? 0m : Money(0.8m * items.Where(i => i.Product.Category != "consumable").Sum(i => i.Product.Price * i.Quantity));
        var responsibility = Money(total - covered);
        var charges = new JsonArray();
        string status;
        var billedLater = covered > 0 && plan.DeliveredAt is { } delivered && delivered >= Today.AddDays(-30);
        if (cancelledAt is { } cancelled)
        {
            charges.Add(Charge(plan.PlacedAt, "charge", responsibility, paymentMethodId));
            charges.Add(Charge(cancelled, "refund", -responsibility, paymentMethodId));
            status = "void";
        }
        else if (billedLater)
        {
            // The patient's share of an insured order is billed once the claim settles, so it is still open.
            status = "open";
        }
        else
        {
            charges.Add(Charge(plan.PlacedAt, "charge", responsibility, paymentMethodId));
            status = "paid";
            // Only invoices older than ten days carry billing anomalies, so that an open dispute is dated in the past.
            var anomalous = plan.PlacedAt <= Today.AddDays(-10);
            _paidInvoices += anomalous ? 1 : 0;
            if (anomalous && _paidInvoices % 7 == 0)
            {
                charges.Add(Charge(plan.PlacedAt, "charge", responsibility, paymentMethodId));
            }
            else if (anomalous && _paidInvoices % 9 == 0)
            {
                status = "disputed";
                var disputeId = $"DSP-{4000 + _paidInvoices}";
                _disputes[disputeId] = new JsonObject
                {
                    ["id"] = disputeId,
                    ["invoiceId"] = invoiceId,
                    ["customerId"] = (string)customer["id"]!,
                    ["reason"] = "incorrect_amount",
                    ["status"] = "under_review",
                    ["openedAt"] = Date(plan.PlacedAt.AddDays(3)),
                    ["refundAmount"] = 0m,
                };
            }
        }

        var paid = Money(charges.Sum(c => (decimal)c!["amount"]!));
        _invoices[invoiceId] = new JsonObject
        {
            ["id"] = invoiceId,
            ["orderId"] = orderId,
            ["customerId"] = (string)customer["id"]!,
            ["issuedAt"] = Date(plan.PlacedAt),
            ["dueDate"] = Date((plan.DeliveredAt ?? plan.PlacedAt).AddDays(30)),
            ["total"] = total,
            ["insuranceProvider"] = insurer,
            ["insuranceCovered"] = covered,
            ["patientResponsibility"] = responsibility,
            ["amountPaid"] = paid,
            ["balance"] = status == "void" ? 0m : Money(responsibility - paid),
            ["status"] = status,
            ["charges"] = charges,
        };
    }

    private JsonObject Charge(DateOnly date, string type, decimal amount, string paymentMethodId) => new()
    {
        ["id"] = $"CHG-{_chargeNumber++}",
        ["date"] = Date(date),
        ["type"] = type,
        ["amount"] = amount,
        ["paymentMethodId"] = paymentMethodId,
    };

    private static JsonArray TechnicianSlots()
    {
        var slots = new JsonArray();
        foreach (var day in new[] { 16, 19, 20, 21, 22 })
        {
            foreach (var (half, window) in new[] { ("AM", "8:00 am to 12:00 pm"), ("PM", "1:00 pm to 5:00 pm") })
            {
                var id = $"TS-01{day:D2}-{half}";
                slots.Add(new JsonObject
                {
                    ["id"] = id,
                    ["date"] = Date(new DateOnly(2026, 1, day)),
                    ["window"] = window,
                    ["booked"] = id is "TS-0116-AM" or "TS-0120-PM",
                });
            }
        }

        return slots;
    }

    private void AddExistingVisit(JsonArray slots)
    {
        var customer = (JsonObject)_customers["CUS-1007"]!;
        var device = (JsonObject)((JsonArray)customer["devices"]!)[0]!;
        var slot = (JsonObject)slots.First(s => (string)s!["id"]! == "TS-0116-AM")!;
        _visits["VIS-3001"] = new JsonObject
        {
            ["id"] = "VIS-3001",
            ["customerId"] = "CUS-1007",
            ["serialNumber"] = (string)device["serialNumber"]!,
            ["slotId"] = (string)slot["id"]!,
            ["date"] = (string)slot["date"]!,
            ["window"] = (string)slot["window"]!,
            ["issue"] = "noise",
            ["status"] = "scheduled",
        };
    }

    private static DateOnly Today => StateGenerator.Today;

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private sealed record PlannedOrder(OrderStage Stage, DateOnly PlacedAt, DateOnly? DeliveredAt);
}
