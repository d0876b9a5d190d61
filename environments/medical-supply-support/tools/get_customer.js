(args, state, ctx) => {
  const c = requireCustomer(state, args.customer_id);
  return {
    customer_id: c.id,
    name: c.firstName + ' ' + c.lastName,
    email: c.email,
    phone: c.phone,
    date_of_birth: c.dateOfBirth,
    address: formatAddress(c.address),
    payment_methods: c.paymentMethods.map(function (m) {
      return { payment_method_id: m.id, label: m.brand + ' ending in ' + m.last4 };
    }),
    insurance: c.insurance ? c.insurance.provider : null,
    devices: c.devices.map(function (d) {
      return { serial_number: d.serialNumber, name: d.name, device_type: d.deviceType, since: d.since };
    }),
    technician_visits: Object.keys(state.technicianVisits).map(function (k) { return state.technicianVisits[k]; })
      .filter(function (v) { return v.customerId === c.id && v.status === 'scheduled'; })
      .map(function (v) { return { visit_id: v.id, serial_number: v.serialNumber, date: v.date, window: v.window }; }),
    order_ids: c.orderIds.slice()
  };
}
