#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The differential's minimizer (check-patch's reproducers of behaviour
# changes) on handwritten programs. Each names what it must give, per
# patched variant of the default tree:
#   # expect-minimized +<fixtures>: <driver> <kind> <ops>
#       the result has at most <ops> operations, and the differential
#       target still reports <kind> for <driver> on it
#   # expect-minimized +<fixtures>: none
#       no behaviour change: exit 1, nothing written
#
# usage: minimize.sh PROTOC PROTO_DIR DIR VARIANT=MINIMIZER...
#        (the differential target sits beside each minimizer)
set -u
protoc=$1
proto_dir=$2
dir=$3
shift 3
variants="$*"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

minimizer_for() { # variant
	for vt in $variants; do
		[ "${vt%%=*}" = "$1" ] && { echo "${vt#*=}"; return; }
	done
}

ops_of() { # binary program -> number of operations, via protoc's text form
	"$protoc" --decode=iotlbfuzz.Program -I"$proto_dir" program.proto <"$1" | grep -c '^ops {'
}

for f in "$dir"/*.textproto; do
	base=$(basename "$f" .textproto)
	bin=$tmp/$base.pb
	if ! "$protoc" --encode=iotlbfuzz.Program -I"$proto_dir" program.proto <"$f" >"$bin"; then
		echo "FAIL $f: does not encode"
		fail=$((fail + 1))
		continue
	fi
	grep '^# expect-minimized +' "$f" >"$tmp/expects"
	if [ ! -s "$tmp/expects" ]; then
		echo "FAIL $f: no '# expect-minimized +<fixtures>:' line"
		fail=$((fail + 1))
		continue
	fi
	while read -r _ _ variant driver kind ops; do
		variant=${variant%:}
		name="$base on $variant"
		minimizer=$(minimizer_for "$variant")
		target=$(dirname "$minimizer")/$(basename "$minimizer" | sed 's/^iotlbfuzz_differential_minimize-/iotlbfuzz_differential-/')
		if [ -z "$minimizer" ] || [ ! -x "$minimizer" ] || [ ! -x "$target" ]; then
			echo "FAIL $name: no minimizer or differential target for $variant"
			fail=$((fail + 1))
			continue
		fi
		out=$tmp/$base.min
		rm -f "$out"
		log=$("$minimizer" -o "$out" "$bin" 2>&1)
		rc=$?
		if [ "$driver" = none ]; then
			if [ $rc -eq 1 ] && [ ! -e "$out" ] &&
				printf '%s\n' "$log" | grep -q 'no behaviour change'; then
				echo "PASS $name: no behaviour change, nothing written"
				pass=$((pass + 1))
			else
				echo "FAIL $name: expected no behaviour change, got exit $rc:"
				printf '%s\n' "$log" | sed 's/^/    /'
				fail=$((fail + 1))
			fi
			continue
		fi
		if [ $rc -ne 0 ] || [ ! -s "$out" ]; then
			echo "FAIL $name: minimizer exit $rc:"
			printf '%s\n' "$log" | sed 's/^/    /'
			fail=$((fail + 1))
			continue
		fi
		got=$(ops_of "$out")
		before=$(grep -c '^ops {' "$f")
		again=$("$target" "$out" 2>&1)
		if [ "$got" -le "$ops" ] && [ "$got" -lt "$before" ] &&
			printf '%s\n' "$again" | grep -q "^ASSERTION FAILURE: behaviour-change: $driver: $kind at op #"; then
			echo "PASS $name: $before -> $got ops, still $driver $kind ($(printf '%s\n' "$log" | sed -n 's/.* ops, \([0-9.]* s\),.*/\1/p'))"
			pass=$((pass + 1))
		else
			echo "FAIL $name: expected at most $ops ops still giving $driver $kind; got $got ops:"
			"$protoc" --decode=iotlbfuzz.Program -I"$proto_dir" program.proto <"$out" | sed 's/^/    /'
			printf '%s\n' "$again" | grep 'ASSERTION FAILURE' | sed 's/^/    /'
			fail=$((fail + 1))
		fi
	done <"$tmp/expects"
done
echo "differential minimizer: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
