dump runs --csv --cpu 0-1 --from 366.34 --to 366.376 tests/fixtures/lost_events_v6.dat
