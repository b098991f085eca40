-- Display names of the segments a bridge names, by dimension and id.
SELECT 'payer' AS dimension, payer_id AS key, payer_name AS label FROM dim_payer
UNION ALL SELECT 'provider', provider_id, provider_name FROM dim_provider
UNION ALL SELECT 'location', location_id, location_name FROM dim_location;
