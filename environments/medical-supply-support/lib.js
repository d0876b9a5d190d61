// Shared helpers of the medical-supply tools. Tools run in strict mode with no host access; a thrown Error is a
// business refusal the agent sees as "Error: ...", so every lookup validates before it touches a property.

function fail(message) {
  throw new Error(message);
}

function has(map, key) {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(map, key);
}

function clean(text) {
  return typeof text === 'string' ? text.trim().replace(/\s+/g, ' ') : '';
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

function daysBetween(fromDate, toDate) {
  return Math.round((Date.parse(toDate) - Date.parse(fromDate)) / 86400000);
}

function addDays(date, days) {
  return new Date(Date.parse(date) + days * 86400000).toISOString().slice(0, 10);
}

// Money is kept in cents while computing so that refunds and fees never drift by a floating-point cent.
function cents(amount) {
  return Math.round(amount * 100);
}

function dollars(amountInCents) {
  return amountInCents / 100;
}

function requireCustomer(state, customerId) {
  const id = clean(customerId).toUpperCase();
  if (!has(state.customers, id)) {
    fail('No customer with id ' + customerId + '. Look the customer up with find_customer first.');
  }
  return state.customers[id];
}

function requireOrder(state, orderId) {
  const id = clean(orderId).toUpperCase();
  if (!has(state.orders, id)) {
    fail('No order with id ' + orderId + '. Order ids look like ORD-20001; list_orders shows a customer\'s orders.');
  }
  return state.orders[id];
}

function paymentLabel(state, customerId, paymentMethodId) {
  const customer = state.customers[customerId];
  const method = customer.paymentMethods.find(function (m) { return m.id === paymentMethodId; });
  return method ? method.brand + ' ending in ' + method.last4 : 'the original payment method';
}

function formatAddress(address) {
  const street = address.line2 ? address.line1 + ', ' + address.line2 : address.line1;
  return street + ', ' + address.city + ', ' + address.state + ' ' + address.zip;
}

function returnedQuantity(state, orderId, sku) {
  let total = 0;
  Object.keys(state.returns).forEach(function (id) {
    const rma = state.returns[id];
    if (rma.orderId === orderId) {
      rma.items.forEach(function (item) {
        if (item.sku === sku) {
          total += item.quantity;
        }
      });
    }
  });
  return total;
}

// Devices are delivered by courier against a signature, so the address must be a street address we serve.
function validateAddress(state, address) {
  if (address === null || typeof address !== 'object') {
    fail('The address must have line1, city, state and zip.');
  }
  const line1 = clean(address.line1);
  const line2 = clean(address.line2);
  const city = clean(address.city);
  const region = clean(address.state).toUpperCase();
  const zip = clean(address.zip);
  if (!line1 || !city || !region || !zip) {
    fail('The address must have line1, city, state and zip.');
  }
  if (/\b(p\.?\s*o\.?\s*box|post office box)\b/i.test(line1 + ' ' + line2)) {
    fail('We cannot deliver to a P.O. box: medical equipment needs a street address where someone can sign for it.');
  }
  if (!/^\d+[A-Za-z]?\s+\S+/.test(line1)) {
    fail('The street address "' + line1 + '" needs a house number and a street name.');
  }
  if (!/^\d{5}$/.test(zip)) {
    fail('The zip code "' + zip + '" is not valid: it must have 5 digits.');
  }
  if (!has(state.servicedStates, region)) {
    fail('We do not deliver to ' + region + '. We deliver to ' + Object.keys(state.servicedStates).join(', ') + '.');
  }
  if (state.servicedStates[region].indexOf(zip.slice(0, 2)) < 0) {
    fail('The zip code ' + zip + ' does not match the state ' + region + '.');
  }
  return { line1: line1, line2: line2 || null, city: city, state: region, zip: zip };
}

function deviceSymptoms(deviceType) {
  return deviceType === 'oxygen_concentrator'
    ? ['alarm', 'low_flow', 'no_power', 'noise']
    : ['mask_leak', 'dry_mouth', 'no_power', 'water_in_tube', 'noise'];
}

// Ids count up from what the state holds, not from the call's arguments, so that any agent that does the same thing
// (whatever wording it used for free-text details) ends in exactly the same state.
function nextId(prefix, map, first) {
  let number = first + Object.keys(map).length;
  while (has(map, prefix + number)) {
    number++;
  }
  return prefix + number;
}

function nextChargeId(invoice) {
  return 'CHG-' + invoice.id.slice(4) + '-' + (invoice.charges.length + 1);
}
