# Thin wrappers over the npm scripts; see README.md.
.PHONY: gen check test bench typecheck

gen:
	node bin/ts2tla.mjs gen

check:
	node bin/ts2tla.mjs check --all

test:
	npm test

bench:
	npm run bench

typecheck:
	npx tsc --noEmit -p tsconfig.json
