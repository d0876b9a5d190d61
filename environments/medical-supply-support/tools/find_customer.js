(args, state, ctx) => {
  const email = clean(args.email).toLowerCase();
  const ids = Object.keys(state.customers);
  if (email) {
    const id = ids.find(function (k) { return state.customers[k].email === email; });
    if (!id) {
      fail('No customer found with the email ' + email + '.');
    }
    const customer = state.customers[id];
    return { customer_id: id, name: customer.firstName + ' ' + customer.lastName };
  }

  const first = clean(args.first_name).toLowerCase();
  const last = clean(args.last_name).toLowerCase();
  const birth = clean(args.date_of_birth);
  const zip = clean(args.zip);
  if (!first || !last || (!birth && !zip)) {
    fail('Give either the email address, or the first name, last name and date of birth (or zip code).');
  }
  const matches = ids.filter(function (k) {
    const c = state.customers[k];
    return c.firstName.toLowerCase() === first && c.lastName.toLowerCase() === last &&
      (!birth || c.dateOfBirth === birth) && (!zip || c.address.zip === zip);
  });
  if (matches.length === 0) {
    fail('No customer found with that name and ' + (birth ? 'date of birth' : 'zip code') + '.');
  }
  if (matches.length > 1) {
    fail('Several customers match; ask for the email address or the date of birth.');
  }
  const customer = state.customers[matches[0]];
  return { customer_id: matches[0], name: customer.firstName + ' ' + customer.lastName };
}
