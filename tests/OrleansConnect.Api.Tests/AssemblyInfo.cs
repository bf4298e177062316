// One in-process host at a time. Every host's runtime creates a meter named "OrleansConnect", and each host's
// OpenTelemetry exporter listens to every meter of that name in the process: instruments of the same name from two
// hosts are merged into one stream, which ends when either host is disposed, so /metrics of the host still running
// would lose its series (seen: SiloMetricsTests scraped nothing after another test class's host stopped). A process
// runs one silo outside the tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
