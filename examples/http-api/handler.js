'use strict';
const { z } = require('zod');
const { addBusinessDays, differenceInCalendarDays, formatISO, isWeekend, parseISO } = require('date-fns');

const Booking = z.object({
  guest: z.object({ name: z.string().min(1), email: z.string().email() }),
  checkIn: z.string().date(),
  nights: z.number().int().min(1).max(30),
  rooms: z.number().int().min(1).max(5).default(1),
});

const respond = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body });

exports.handler = async (event) => {
  if (event.method !== 'POST' || event.path !== '/bookings') return respond(404, { error: 'not found' });
  const parsed = Booking.safeParse(event.body);
  if (!parsed.success)
    return respond(400, { error: 'invalid booking', issues: parsed.error.issues.map((issue) => issue.path.join('.')) });
  const booking = parsed.data;
  const checkIn = parseISO(booking.checkIn);
  const checkOut = new Date(checkIn.getTime() + booking.nights * 86_400_000);
  return respond(201, {
    guest: booking.guest.name,
    checkIn: formatISO(checkIn, { representation: 'date' }),
    checkOut: formatISO(checkOut, { representation: 'date' }),
    nights: differenceInCalendarDays(checkOut, checkIn),
    weekendArrival: isWeekend(checkIn),
    confirmBy: formatISO(addBusinessDays(parseISO(event.receivedAt), 2), { representation: 'date' }),
  });
};
