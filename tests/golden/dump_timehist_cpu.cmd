dump timehist --cpu 1 tests/fixtures/clock_mono_v6.dat
