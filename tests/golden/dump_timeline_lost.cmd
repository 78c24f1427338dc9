dump timeline --width 80 tests/fixtures/lost_events_v6.dat
