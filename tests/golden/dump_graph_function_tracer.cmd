dump graph tests/fixtures/function_v7.dat
