// The classes here start silo processes (up to three at a time), PostgreSQL and Kafka processes on a 2-core machine:
// run one class at a time, so that a loaded machine does not make probes time out and silos declare each other dead.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
