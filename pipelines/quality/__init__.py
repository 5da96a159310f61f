"""Data quality: expectation suites, the validation gate, rejection reports for the provinces."""
