dump timehist -w --pid 6066 tests/fixtures/clock_mono_v6.dat
