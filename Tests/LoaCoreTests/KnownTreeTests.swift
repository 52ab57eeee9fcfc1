import Foundation
import XCTest
@testable import LoaCore

/// Folder stamps spare the writer and the no-op check from reading every folder of the output and of the
/// spare; a folder whose entries changed must still be read, whenever the change happened.
final class KnownTreeTests: XCTestCase {
    /// A folder whose stamp is unchanged is not read: its known entries are used (shown by a forged entry
    /// that is not on disk). A folder that gained an entry, one that lost a sub-folder, and the root are
    /// read again.
    func testUnchangedFoldersAreTrustedAndChangedOnesRead() throws {
        let site = try ScratchSite(name: "known-tree")
        defer { site.remove() }
        let root = site.root + "/out"
        for path in ["a/b/f1.html", "a/f2.html", "c/f3.html", "d/e/f4.html", "top.html"] { site.write("out/" + path, "x") }
        let (first, taken) = FolderWalk.list(root, known: nil)
        var known = try XCTUnwrap(taken)
        XCTAssertEqual(Set(first.files), ["a/b/f1.html", "a/f2.html", "c/f3.html", "d/e/f4.html", "top.html"])
        XCTAssertEqual(Set(known.folders.keys), ["a", "a/b", "c", "d", "d/e"])

        // The folders were made just now: stamps that recent are never trusted.
        known.files += ["c/ghost.html"]
        XCTAssertFalse(FolderWalk.list(root, known: known).listing.files.contains("c/ghost.html"))

        // Taken long after the folders last changed (as by a later build), the stamps are trusted.
        known.stampNs = realtimeNs() + 10_000_000_000
        let trusted = FolderWalk.list(root, known: known)
        XCTAssertTrue(trusted.listing.files.contains("c/ghost.html"), "folder c is not read again")
        XCTAssertEqual(trusted.tree?.folders, known.folders)

        site.write("out/c/new.html", "x")
        site.write("out/moi.html", "x")
        try FileManager.default.removeItem(atPath: root + "/d/e")
        let changed = FolderWalk.list(root, known: known)
        XCTAssertEqual(Set(changed.listing.files), ["a/b/f1.html", "a/f2.html", "c/f3.html", "c/new.html", "top.html", "moi.html"])
        XCTAssertEqual(Set(changed.listing.folders), ["a", "a/b", "c", "d"])
        XCTAssertNotEqual(changed.tree?.folders["c"], known.folders["c"])
        XCTAssertEqual(changed.tree?.folders["a/b"], known.folders["a/b"])

        // A folder replaced by another of the same name is a new inode: read.
        try FileManager.default.removeItem(atPath: root + "/a/b")
        site.write("out/a/b/khac.html", "x")
        XCTAssertEqual(Set(FolderWalk.list(root, known: known).listing.files.filter { $0.hasPrefix("a/") }), ["a/b/khac.html", "a/f2.html"])

        // Something that is neither file nor folder leaves no tree to trust.
        symlink(root + "/top.html", root + "/c/lien-ket")
        XCTAssertNil(FolderWalk.list(root, known: known).tree)
    }

    /// Stray files put into a sub-folder of the output after a build, or into the spare the next build
    /// stages in, never reach the next output, even in folders whose stamps the cache trusts.
    func testStrayFilesInTrustedSubfoldersAreFound() throws {
        let (site, options) = try ScratchSite.withArticles(name: "known-stray", 4)
        defer { site.remove() }
        let output = site.root + "/public"
        /// Whether the last build recorded the folder with a stamp old enough to be trusted.
        func trusted(_ folder: String, spare: Bool = false) -> Bool {
            guard let trees = BuildCache(root: site.root).manifest(for: output)?.trees,
                  let tree = spare ? trees.spare : trees.output, let stamp = tree.folders[folder] else { return false }
            return stamp.ctimeNs < tree.stampNs - tree.racyWindowNs
        }
        _ = try SiteBuilder.build(options)
        let page = try XCTUnwrap(OutputWriter.listFiles(output).first { $0.contains("bai-3/") && $0.hasSuffix("index.html") })
        let folder = OutputWriter.parentFolder(page)
        let inFolder = OutputWriter.listFiles(output).filter { $0.hasPrefix(folder + "/") }
        // Folders made by a build are trusted once a later build, past the racy window, stamps them again.
        // (The first build in a new folder readies no spare, so the second stages in new folders too.)
        site.write("content/articles/b1.md", "---\ntitle: \"Bài 1\"\ndate: 2024-05-01\n---\nNội dung mới.\n")
        _ = try SiteBuilder.build(options)
        Thread.sleep(forTimeInterval: 0.25)
        site.write("content/articles/b1.md", "---\ntitle: \"Bài 1\"\ndate: 2024-05-01\n---\nNội dung sửa.\n")
        _ = try SiteBuilder.build(options)
        XCTAssertTrue(trusted(folder))
        XCTAssertTrue(try SiteBuilder.build(options).upToDate)

        site.write("public/\(folder)/la.html", "lạ")
        Thread.sleep(forTimeInterval: 0.25)
        let noticed = try SiteBuilder.build(options)
        XCTAssertFalse(noticed.upToDate)
        XCTAssertEqual(noticed.changes.removed, ["\(folder)/la.html"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(output)/\(folder)/la.html"))

        // The spare is now the site with the stray file, its folder read and trusted; another stray joins it.
        XCTAssertTrue(trusted(folder, spare: true))
        site.write(".public.spare/\(folder)/khac.html", "lạ")
        site.write("content/articles/b2.md", "---\ntitle: \"Bài 2\"\ndate: 2024-05-02\n---\nNội dung sửa.\n")
        XCTAssertFalse(try SiteBuilder.build(options).upToDate)
        XCTAssertEqual(OutputWriter.listFiles(output).filter { $0.hasPrefix(folder + "/") }, inFolder)
        XCTAssertTrue(try SiteBuilder.build(options).upToDate)
    }
}
