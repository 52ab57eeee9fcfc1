import CLoaSystem

/// Gives the pages of freed heap memory back to the system (glibc's `malloc_trim`), which glibc otherwise
/// keeps: what one stage frees is then not counted again on top of what the next allocates.
enum FreedMemory {
    /// For a large site (`SiteBuilder.tuneAllocatorForLargeSites`): stages that free as much as they
    /// allocate, item by item (the resolver's documents, the writer's pages), give memory back every this
    /// many items; 0 otherwise. What they free lies in blocks scattered between live ones, whose whole
    /// pages only `malloc_trim` returns.
    nonisolated(unsafe) static var returnEvery = 0

    static func returnToSystem() { _ = loa_return_freed_memory() }

    /// Called once per item `index` of such a stage, on any thread.
    static func afterItem(_ index: Int) {
        let every = returnEvery
        if every > 0, index % every == every - 1 { returnToSystem() }
    }
}
