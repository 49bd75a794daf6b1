package activities

// All returns every activity struct of the project, for the worker.
func All(d Deps) []any {
	return []any{
		&Requests{Deps: d},
		&Notices{Deps: d},
		&Quotes{Deps: d},
		&Orders{Deps: d},
		&Renewals{Deps: d},
		&Reconciler{Deps: d},
		&Discovery{Deps: d},
	}
}
