/**
 * Access and care delivery: visits, no-shows, late cancellations, lead time and time in clinic,
 * for appointments scheduled in the period.
 */
import { defineMetric, type Metric } from '../define.ts';
import type { AppointmentsRow } from '../inputs/index.ts';
import { quantity, ratio } from '../values.ts';

/** fulfilled + no-shows + late cancellations (house rule). */
const kept = (a: AppointmentsRow): number => a.fulfilled_n + a.noshow_n + a.late_cancel_n;

const DENOMINATOR =
  'The denominator is the appointments scheduled in the period that were fulfilled, missed (no-show) or cancelled late (house rule); ' +
  'a cancellation less than 24 hours before the scheduled start is late, an earlier one is not counted.';

export const ACCESS_METRICS: readonly Metric[] = [
  defineMetric({
    id: 'visits',
    label: 'Visits',
    group: 'access',
    unit: 'count',
    format: ',d',
    goodDirection: 'up',
    target: {},
    standard: 'house rule',
    formula: 'fulfilled appointments scheduled in the period',
    definition: 'Patient visits that took place: appointments with status fulfilled, counted in the month they were scheduled for.',
    inputs: ['appointments'],
    compute: ({ appointments }) => quantity(appointments.fulfilled_n),
  }),
  defineMetric({
    id: 'clinic_days',
    label: 'Clinic days',
    group: 'access',
    unit: 'count',
    format: ',d',
    goodDirection: 'neutral',
    target: {},
    standard: 'house rule',
    formula: 'distinct weekdays with at least one fulfilled visit at the selected location(s)',
    definition:
      'The days the clinic was seeing patients. House rule: a weekday (Monday to Friday) with at least one fulfilled visit at the ' +
      'selected location; with no location selected, a weekday with a fulfilled visit at any location.',
    inputs: ['clinicDays'],
    compute: ({ clinicDays }) => quantity(clinicDays.clinic_days_n),
  }),
  defineMetric({
    id: 'no_show_rate',
    label: 'No-show rate',
    group: 'access',
    unit: 'pct',
    format: '.1%',
    goodDirection: 'down',
    target: { good: 0.05, warn: 0.1 },
    standard: 'house rule',
    formula: 'no-shows / (fulfilled + no-shows + late cancellations), for appointments scheduled in the period',
    definition: `The share of appointments the patient missed without cancelling. ${DENOMINATOR} The typical range is 5 to 10 %.`,
    inputs: ['appointments'],
    compute: ({ appointments }) => ratio(appointments.noshow_n, kept(appointments)),
  }),
  defineMetric({
    id: 'late_cancel_rate',
    label: 'Late-cancellation rate',
    group: 'access',
    unit: 'pct',
    format: '.1%',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: 'late cancellations / (fulfilled + no-shows + late cancellations), for appointments scheduled in the period',
    definition: `The share of appointments cancelled too late to offer the slot to another patient. ${DENOMINATOR}`,
    inputs: ['appointments'],
    compute: ({ appointments }) => ratio(appointments.late_cancel_n, kept(appointments)),
  }),
  defineMetric({
    id: 'lead_time_days',
    label: 'Lead time',
    group: 'access',
    unit: 'days',
    format: ',.1f',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: 'median over fulfilled visits of calendar days from the booking date to the visit date',
    definition:
      'How long patients wait for a visit: the median number of calendar days from the day the appointment was booked to the day ' +
      'of the visit, over the fulfilled visits of the period whose booking time is known.',
    inputs: ['visits'],
    compute: ({ visits }) => quantity(visits.lead_days_median, 'no visit with a booking time'),
  }),
  defineMetric({
    id: 'visit_minutes',
    label: 'Check-in to check-out',
    group: 'access',
    unit: 'minutes',
    format: ',.0f',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: 'median over fulfilled visits of minutes from check-in to check-out, same day, where both are recorded',
    definition:
      'How long a visit takes from the patient’s point of view: the median minutes from check-in to check-out, over the ' +
      'fulfilled visits of the period where both times were recorded on the same day.',
    inputs: ['visits'],
    compute: ({ visits }) => quantity(visits.visit_minutes_median, 'no visit with check-in and check-out times'),
  }),
];
