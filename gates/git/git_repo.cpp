#include "gates/git/git_repo.h"

#include <git2.h>

#include <algorithm>
#include <array>

#include "gates/error.h"
#include "gates/util/file.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

// One deleter for every libgit2 type: Free is the matching git_*_free.
template <auto Free>
struct Freer {
  template <typename T>
  void operator()(T* object) const {
    Free(object);
  }
};

using RepositoryPtr = std::unique_ptr<git_repository, Freer<git_repository_free>>;
using ObjectPtr = std::unique_ptr<git_object, Freer<git_object_free>>;
using CommitPtr = std::unique_ptr<git_commit, Freer<git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, Freer<git_tree_free>>;
using DiffPtr = std::unique_ptr<git_diff, Freer<git_diff_free>>;
using PatchPtr = std::unique_ptr<git_patch, Freer<git_patch_free>>;
using RevwalkPtr = std::unique_ptr<git_revwalk, Freer<git_revwalk_free>>;
using ReferencePtr = std::unique_ptr<git_reference, Freer<git_reference_free>>;

void ensure_libgit2() {
  // Initialised once and never shut down: GitRepo objects may outlive any
  // scope we could pair a shutdown with, and the process exit frees it all.
  static const bool k_ready = [] {
    if (git_libgit2_init() < 0) throw Error("git: cannot initialise libgit2");
    // CI checks out as one user and runs changegate (and its tests create
    // repositories) as another; libgit2 then refuses the repository with the
    // misleading "config value 'safe.directory' was not found" and
    // GIT_ENOTFOUND, which open() would report as "no repository here". The
    // check guards against running hooks and config from a hostile repo;
    // changegate only reads objects and refs, so it is safe to turn off.
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    // Re-hashing every object read costs a third of a large diff's time (693
    // vs 467 ms for 5,000 files); git itself does not verify ids on reads.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    return true;
  }();
  (void)k_ready;
}

std::string last_error() {
  const git_error* error = git_error_last();
  return error && error->message ? error->message : "unknown libgit2 error";
}

std::string oid_hex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

const char* const k_shallow_fix =
    "Fetch the history: `fetch-depth: 0` with actions/checkout, `GIT_DEPTH: 0` in GitLab CI, "
    "or `git fetch --deepen=N`; or pass --base with a commit that was fetched.";

Commit to_commit(const git_commit& commit) {
  Commit out;
  out.sha = oid_hex(*git_commit_id(&commit));
  const git_signature* author = git_commit_author(&commit);
  out.author_name = author->name ? author->name : "";
  out.author_email = author->email ? author->email : "";
  out.time = git_commit_time(&commit);
  const char* message = git_commit_message(&commit);
  out.message = message ? message : "";
  return out;
}

}  // namespace

struct GitRepo::Impl {
  RepositoryPtr repo;
  std::string workdir;  // no trailing slash; names the repository in errors

  [[noreturn]] void fail(const std::string& what) const {
    throw Error("git: " + what + " in " + workdir + ": " + last_error());
  }

  // Any revision peeled to its commit; the error names the revision as given.
  CommitPtr lookup_commit(const std::string& revision) const {
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo.get(), revision.c_str()) < 0) {
      if (git_repository_is_shallow(repo.get()) == 1)
        throw Error("git: cannot find revision " + quoted(revision) + " in " + workdir +
                    ": this is a shallow clone, which lacks the history to compare. " +
                    k_shallow_fix);
      fail("cannot resolve revision " + quoted(revision));
    }
    ObjectPtr object(raw);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0)
      fail("revision " + quoted(revision) + " is not a commit");
    return CommitPtr(reinterpret_cast<git_commit*>(peeled));
  }

  // Per-file and total line counts of a diff, renames paired first.
  DiffStats stats(DiffPtr diff, const std::string& range) const {
    // Pairs a deleted and an added file into one rename when they are similar,
    // so moving and editing a file counts its edit once, as `git diff` does.
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    if (git_diff_find_similar(diff.get(), &find) < 0) fail("cannot detect renames in " + range);

    // Per-file counts through git_patch_line_stats: git_diff_get_stats builds
    // the same patches internally, measures no faster on a 5,000-file diff, and
    // exposes per-file counts only as text.
    DiffStats out;
    const size_t count = git_diff_num_deltas(diff.get());
    out.files.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      git_patch* raw_patch = nullptr;
      if (git_patch_from_diff(&raw_patch, diff.get(), i) < 0)
        fail("cannot compute the patch of " + range);
      PatchPtr patch(raw_patch);
      // Read the delta from the patch: the binary flag is known only once the
      // content has been loaded.
      const git_diff_delta* delta = git_patch_get_delta(patch.get());
      FileChange file;
      file.path = delta->new_file.path;
      file.old_path = delta->old_file.path;
      file.status =
          delta->status == GIT_DELTA_UNTRACKED ? 'A' : git_diff_status_char(delta->status);
      file.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
      if (!file.binary) {
        size_t insertions = 0;
        size_t deletions = 0;
        git_patch_line_stats(nullptr, &insertions, &deletions, patch.get());
        file.insertions = static_cast<std::int64_t>(insertions);
        file.deletions = static_cast<std::int64_t>(deletions);
      }
      out.insertions += file.insertions;
      out.deletions += file.deletions;
      out.files.push_back(std::move(file));
    }
    // libgit2 happens to emit this order already but does not document it.
    std::sort(out.files.begin(), out.files.end(),
              [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
    return out;
  }

  // nullptr for an empty revision, so a root commit can be diffed against nothing.
  TreePtr lookup_tree(const std::string& revision) const {
    if (revision.empty()) return nullptr;
    CommitPtr commit = lookup_commit(revision);
    git_tree* tree = nullptr;
    if (git_commit_tree(&tree, commit.get()) < 0)
      fail("cannot read the tree of " + quoted(revision));
    return TreePtr(tree);
  }
};

const char* shallow_fix() {
  return k_shallow_fix;
}

GitRepo::GitRepo(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GitRepo::~GitRepo() = default;

std::unique_ptr<GitRepo> GitRepo::open(const std::string& dir) {
  ensure_libgit2();
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, dir.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return nullptr;
  if (rc < 0)
    throw Error("git: cannot open the repository at " + quoted(dir) + ": " + last_error());
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(raw);
  if (git_repository_is_bare(raw)) {
    // workdir() has no answer for a bare repository; CI runs us in a checkout.
    std::string path = git_repository_path(raw);
    if (path.size() > 1 && path.back() == '/') path.pop_back();
    throw Error("git: " + path + " is a bare repository; run changegate in a checkout");
  }
  impl->workdir = git_repository_workdir(raw);
  if (impl->workdir.size() > 1 && impl->workdir.back() == '/') impl->workdir.pop_back();
  return std::unique_ptr<GitRepo>(new GitRepo(std::move(impl)));
}

std::string GitRepo::workdir() const {
  return impl_->workdir;
}

std::string GitRepo::resolve(const std::string& revision) const {
  CommitPtr commit = impl_->lookup_commit(revision);
  return oid_hex(*git_commit_id(commit.get()));
}

std::optional<std::string> GitRepo::find(const std::string& revision) const {
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, impl_->repo.get(), revision.c_str()) < 0) return std::nullopt;
  ObjectPtr object(raw);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0) return std::nullopt;
  CommitPtr commit(reinterpret_cast<git_commit*>(peeled));
  return oid_hex(*git_commit_id(commit.get()));
}

std::optional<std::string> GitRepo::merge_base(const std::string& a_sha,
                                               const std::string& b_sha) const {
  CommitPtr a = impl_->lookup_commit(a_sha);
  CommitPtr b = impl_->lookup_commit(b_sha);
  git_oid base;
  const int rc =
      git_merge_base(&base, impl_->repo.get(), git_commit_id(a.get()), git_commit_id(b.get()));
  if (rc == GIT_ENOTFOUND) return std::nullopt;  // unrelated histories share no base
  if (rc < 0)
    impl_->fail("cannot find the merge-base of " + quoted(a_sha) + " and " + quoted(b_sha));
  return oid_hex(base);
}

std::optional<std::string> GitRepo::first_parent(const std::string& sha) const {
  CommitPtr commit = impl_->lookup_commit(sha);
  // libgit2 1.5 reads a shallow clone's boundary commit with its parent ids,
  // whose objects were never fetched: the shallow file is the authority.
  if (git_commit_parentcount(commit.get()) == 0 || is_shallow_boundary(sha)) {
    if (is_shallow_boundary(sha))
      throw Error("git: commit " + sha.substr(0, 12) + " in " + impl_->workdir +
                  " has its parents cut off by a shallow clone, so there is no base to "
                  "compare with (it is not a root commit). " +
                  k_shallow_fix);
    return std::nullopt;
  }
  return oid_hex(*git_commit_parent_id(commit.get(), 0));
}

int GitRepo::dirty_files() const {
  git_status_options options = GIT_STATUS_OPTIONS_INIT;
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  // Tracked files only: CI leaves its evidence (reports, logs) untracked in
  // the work tree, and that is not an uncommitted change to the product.
  options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list* raw = nullptr;
  if (git_status_list_new(&raw, impl_->repo.get(), &options) < 0)
    impl_->fail("cannot read the work tree's status");
  const int count = static_cast<int>(git_status_list_entrycount(raw));
  git_status_list_free(raw);
  return count;
}

bool GitRepo::is_shallow() const {
  return git_repository_is_shallow(impl_->repo.get()) == 1;
}

bool GitRepo::is_shallow_boundary(const std::string& sha) const {
  if (!is_shallow()) return false;
  // $GIT_DIR/shallow lists the commits whose parents were not fetched.
  std::string content, err;
  if (!read_file(std::string(git_repository_path(impl_->repo.get())) + "shallow", &content, &err))
    return false;
  const std::string full = resolve(sha);
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    if (trim(std::string_view(content).substr(start, end - start)) == full) return true;
    start = end + 1;
  }
  return false;
}

DiffStats GitRepo::diff(const std::string& base_sha, const std::string& head_sha) const {
  TreePtr base = impl_->lookup_tree(base_sha);
  TreePtr head = impl_->lookup_tree(head_sha);
  const std::string range = quoted(base_sha) + ".." + quoted(head_sha);
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  // Line counts do not depend on context; without it xdiff emits fewer lines.
  options.context_lines = 0;
  options.interhunk_lines = 0;
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, impl_->repo.get(), base.get(), head.get(), &options) < 0)
    impl_->fail("cannot diff " + range);
  return impl_->stats(DiffPtr(raw), range);
}

DiffStats GitRepo::diff_to_worktree(const std::string& base_sha) const {
  TreePtr base = impl_->lookup_tree(base_sha);
  const std::string range = quoted(base_sha) + "..(work tree)";
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.context_lines = 0;
  options.interhunk_lines = 0;
  // Untracked files that git does not ignore are part of the change on a
  // laptop, with their lines counted as added.
  options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
                  GIT_DIFF_SHOW_UNTRACKED_CONTENT;
  git_diff* raw = nullptr;
  if (git_diff_tree_to_workdir_with_index(&raw, impl_->repo.get(), base.get(), &options) < 0)
    impl_->fail("cannot diff " + range);
  return impl_->stats(DiffPtr(raw), range);
}

Commit GitRepo::commit(const std::string& sha) const {
  CommitPtr commit = impl_->lookup_commit(sha);
  return to_commit(*commit);
}

std::vector<Commit> GitRepo::commits_between(const std::string& base_sha,
                                             const std::string& head_sha) const {
  const std::string range = quoted(base_sha) + ".." + quoted(head_sha);
  git_revwalk* raw = nullptr;
  if (git_revwalk_new(&raw, impl_->repo.get()) < 0) impl_->fail("cannot walk " + range);
  RevwalkPtr walk(raw);
  // Topological: parents before children even across merges, whatever the
  // (possibly skewed) commit dates say.
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  CommitPtr head = impl_->lookup_commit(head_sha);
  if (git_revwalk_push(walk.get(), git_commit_id(head.get())) < 0)
    impl_->fail("cannot walk " + range);
  if (!base_sha.empty()) {
    CommitPtr base = impl_->lookup_commit(base_sha);
    if (git_revwalk_hide(walk.get(), git_commit_id(base.get())) < 0)
      impl_->fail("cannot walk " + range);
  }
  std::vector<Commit> commits;
  git_oid id;
  int rc;
  while ((rc = git_revwalk_next(&id, walk.get())) == 0) {
    git_commit* found = nullptr;
    if (git_commit_lookup(&found, impl_->repo.get(), &id) < 0)
      impl_->fail("cannot read commit " + oid_hex(id));
    commits.push_back(to_commit(*CommitPtr(found)));
  }
  if (rc != GIT_ITEROVER) impl_->fail("cannot walk " + range);
  return commits;
}

std::string GitRepo::branch_name() const {
  git_reference* raw = nullptr;
  int rc = git_repository_head(&raw, impl_->repo.get());
  if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) return "";
  if (rc < 0) impl_->fail("cannot read HEAD");
  ReferencePtr head(raw);
  // A detached HEAD is a direct reference named "HEAD", not a branch.
  if (!git_reference_is_branch(head.get())) return "";
  return git_reference_shorthand(head.get());
}

}  // namespace changegate
