-- wrk script for the serve benchmark: POSTs one short review as JSON to /api/predict.
-- By hand: wrk -t2 -c8 -d10s --latency -s bench/ImdbSentiment.Bench/Macro/predict.lua http://127.0.0.1:5080/api/predict
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text": "This film was a delight: clever writing, warm performances and a score I keep humming days after first watching it."}'
