-- A number's webhook settings beyond SmsUrl, as Twilio's IncomingPhoneNumber has them: how
-- SmsUrl is called, and the fallback URL (with its method) called when SmsUrl fails.
ALTER TABLE phone_number
  ADD COLUMN sms_method          text NOT NULL DEFAULT 'POST',
  ADD COLUMN sms_fallback_url    text,
  ADD COLUMN sms_fallback_method text NOT NULL DEFAULT 'POST';
