from nrgame.cli import main

raise SystemExit(main())
