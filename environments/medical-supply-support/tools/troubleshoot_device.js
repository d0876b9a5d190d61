(args, state, ctx) => {
  const guides = {
    oxygen_concentrator: {
      alarm: [
        'Check that the power cord is plugged straight into a working wall outlet, not an extension cord.',
        'Check that the tubing and cannula are not kinked, pinched or blocked.',
        'Check that the intake filter is clean and dry; rinse and dry it if it is dusty.',
        'Move the concentrator at least 12 inches away from walls and curtains.',
        'Switch it off, wait 30 seconds and switch it on again.'
      ],
      low_flow: [
        'Check that the flow meter is set to the prescribed rate.',
        'Check the tubing for kinks and make sure every connection is tight.',
        'Replace the cannula if it is old or blocked.',
        'Clean the intake filter.',
        'If you use a humidifier bottle, make sure its lid is screwed on tightly.'
      ],
      no_power: [
        'Plug it straight into a wall outlet and try another outlet.',
        'Check the circuit breaker or fuse for that outlet.',
        'Press the power switch firmly to the on position.',
        'For a portable concentrator, charge the battery or try the spare battery.'
      ],
      noise: [
        'Place the concentrator on a level, hard floor.',
        'Clean the intake filter.',
        'Keep it at least 12 inches away from walls and furniture.'
      ]
    },
    cpap: {
      mask_leak: [
        'Wash the mask cushion with mild soap and water; skin oils spoil the seal.',
        'Refit the mask while lying down with the machine running, and tighten the straps only until the leak stops.',
        'Check the cushion for tears or stiffness; cushions should be replaced every 1 to 3 months.',
        'Make sure the mask is the right size for you.'
      ],
      dry_mouth: [
        'Turn the humidity setting up one level at a time.',
        'Fill the water chamber with distilled water every night.',
        'If you breathe through your mouth, a chin strap or a full face mask helps.'
      ],
      no_power: [
        'Plug the power supply straight into a wall outlet and check that its light is on.',
        'Check that the power cord is pushed firmly into the back of the machine.',
        'Try another outlet.'
      ],
      water_in_tube: [
        'Turn the humidity setting down one level.',
        'Keep the machine lower than your head so water runs back into the chamber.',
        'Use heated tubing or a tubing cover to keep the air warm.'
      ],
      noise: [
        'Check that the air filter is clean and correctly seated.',
        'Make sure the water chamber is pushed fully into place.',
        'Check the mask and tubing for leaks.'
      ]
    }
  };
  const guide = guides[args.device_type];
  if (!guide || !has(guide, args.symptom)) {
    fail('No guide for symptom "' + args.symptom + '" on ' + args.device_type + '; symptoms are ' + deviceSymptoms(args.device_type).join(', ') + '.');
  }
  return {
    device_type: args.device_type,
    symptom: args.symptom,
    steps: guide[args.symptom].slice(),
    if_unresolved: 'Offer a technician visit (get_technician_availability, then schedule_technician).',
    safety: 'If the patient is short of breath, has chest pain, is confused or unresponsive, stop troubleshooting: tell the caller to call 911 now.'
  };
}
