# Sourced by the fetch scripts: one Debian trixie riscv64 package reached
# through a private apt state under a cache folder (the machine's own apt
# state is never touched), the mirror read from the machine's apt sources
# at run time. The caller defines die() and sets APT_DIR before deb_fetch.
#   deb_fetch PACKAGE TAG [RESOLVE]  prints the downloaded .deb's path;
# RESOLVE, if given, is a function that turns PACKAGE into the package to
# download from an index (a metapackage's dependency, say).

# apt_mirror: the first Debian mirror URI the machine's apt is set up with.
apt_mirror() {
	local m=""
	if [ -r /etc/apt/sources.list.d/debian.sources ]; then
		m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
	fi
	if [ -z "$m" ] && [ -r /etc/apt/sources.list ]; then
		m=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++)
			if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
	fi
	[ -n "$m" ] || die "no Debian mirror found in /etc/apt sources"
	echo "$m"
}

# apt_opts: the private apt options (riscv64 only, lists/cache/status under APT_DIR).
apt_opts() {
	APT_OPTS=(
		-o APT::Architecture=riscv64 -o APT::Architectures=riscv64
		-o Dir::State::Lists="$APT_DIR/lists"
		-o Dir::State::Status="$APT_DIR/status"
		-o Dir::Cache="$APT_DIR/cache"
		-o Dir::Etc::SourceList="$APT_DIR/sources.list"
		-o Dir::Etc::SourceParts=/dev/null
		-o Dir::Etc::Preferences=/dev/null
		-o Dir::Etc::PreferencesParts=/dev/null
		-o APT::Sandbox::User=root
		-o Debug::NoLocking=1
	)
}

# pkg_field PACKAGES NAME FIELD: one field of one stanza of a Packages file.
pkg_field() {
	awk -v p="$2" -v f="$3:" '$1 == "Package:" { cur = $2 }
		cur == p && $1 == f { sub(/^[^:]*: /, ""); print; exit }' "$1"
}

# deb_by_apt MIRROR PACKAGE TAG RESOLVE: through apt-get update/download.
# Fails when the mirror's index is out of step with its Release file.
deb_by_apt() {
	local pkg=$2
	mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
	echo "deb [arch=riscv64 trusted=yes] $1 trixie main" > "$APT_DIR/sources.list"
	: > "$APT_DIR/status"
	apt-get "${APT_OPTS[@]}" -qq update >"$APT_DIR/update.log" 2>&1 || {
		grep -m1 '^E:' "$APT_DIR/update.log" >&2
		return 1
	}
	if [ -n "$4" ]; then
		pkg=$(apt-cache "${APT_OPTS[@]}" depends "$2" | "$4" apt) || return 1
	fi
	[ -n "$pkg" ] || return 1
	echo "$3: downloading $pkg" >&2
	(cd "$APT_DIR" && apt-get "${APT_OPTS[@]}" -qq download "$pkg" >&2) || return 1
	ls "$APT_DIR"/"${pkg}"_*.deb | head -1
}

# deb_by_helper MIRROR PACKAGE TAG RESOLVE: the same through apt-helper,
# reading the Packages file itself and checking the .deb's SHA256 there.
deb_by_helper() {
	local idx="$APT_DIR/Packages" pkg=$2 file sum
	local get=(/usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file)
	"${get[@]}" "$1/dists/trixie/main/binary-riscv64/Packages.gz" "$idx.gz" >&2 ||
		return 1
	gzip -dc "$idx.gz" > "$idx" || return 1
	if [ -n "$4" ]; then
		pkg=$(pkg_field "$idx" "$2" Depends | "$4" index) || return 1
	fi
	file=$(pkg_field "$idx" "$pkg" Filename)
	sum=$(pkg_field "$idx" "$pkg" SHA256)
	[ -n "$pkg" ] && [ -n "$file" ] && [ -n "$sum" ] || return 1
	echo "$3: downloading $pkg" >&2
	"${get[@]}" "$1/$file" "$APT_DIR/${file##*/}" "SHA256:$sum" >&2 || return 1
	echo "$APT_DIR/${file##*/}"
}

deb_fetch() {
	local mirror
	mirror=$(apt_mirror)
	apt_opts
	rm -rf "$APT_DIR" && mkdir -p "$APT_DIR"
	echo "$2: fetching Debian trixie's riscv64 $1 (private apt state)" >&2
	deb_by_apt "$mirror" "$1" "$2" "${3:-}" || {
		echo "$2: apt-get path failed; reading the index with apt-helper" >&2
		deb_by_helper "$mirror" "$1" "$2" "${3:-}"
	}
}
