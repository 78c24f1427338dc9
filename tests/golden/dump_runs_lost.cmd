dump runs --from 366.344 --to 366.375 tests/fixtures/lost_events_v6.dat
