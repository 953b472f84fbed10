"""What the benchmark measures, one module per section of `bench/run.py --only`: http (with scale
woven into its runs), models and codegen. Each fills its part of a `results.Results`."""
