dump map tests/fixtures/clock_mono_v6.dat
