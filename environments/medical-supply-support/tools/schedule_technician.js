(args, state, ctx) => {
  const c = requireCustomer(state, args.customer_id);
  const serial = clean(args.serial_number).toUpperCase();
  const device = c.devices.find(function (d) { return d.serialNumber === serial; });
  if (!device) {
    fail('Device ' + args.serial_number + ' is not registered to ' + c.id + '; their devices are ' +
      c.devices.map(function (d) { return d.serialNumber + ' (' + d.name + ')'; }).join(', ') + '.');
  }
  if (deviceSymptoms(device.deviceType).indexOf(args.issue) < 0) {
    fail('"' + args.issue + '" is not an issue of a ' + device.deviceType.replace('_', ' ') + '; issues are ' +
      deviceSymptoms(device.deviceType).join(', ') + '.');
  }
  const booked = Object.keys(state.technicianVisits).map(function (k) { return state.technicianVisits[k]; })
    .find(function (v) { return v.serialNumber === serial && v.status === 'scheduled'; });
  if (booked) {
    fail('A technician visit (' + booked.id + ') is already scheduled for device ' + serial + ' on ' + booked.date + ', ' + booked.window + '.');
  }
  const slot = state.technicianSlots.find(function (s) { return s.id === clean(args.slot_id).toUpperCase(); });
  if (!slot) {
    fail('No technician slot ' + args.slot_id + '; get_technician_availability lists the open ones.');
  }
  if (slot.booked) {
    fail('Slot ' + slot.id + ' is already booked; offer another one.');
  }

  const id = nextId('VIS-', state.technicianVisits, 3001);
  slot.booked = true;
  state.technicianVisits[id] = {
    id: id,
    customerId: c.id,
    serialNumber: serial,
    slotId: slot.id,
    date: slot.date,
    window: slot.window,
    issue: args.issue,
    status: 'scheduled'
  };
  return {
    visit_id: id,
    date: slot.date,
    window: slot.window,
    device: device.name + ' (' + serial + ')',
    address: formatAddress(c.address),
    note: 'The technician calls 30 minutes before arriving.'
  };
}
