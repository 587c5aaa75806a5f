;; cio-lint's language server in Python, JavaScript and TypeScript buffers, with Eglot
;; (built into Emacs 29 and later; from GNU ELPA before).
(require 'eglot)
(add-to-list 'eglot-server-programs
             '((python-mode python-ts-mode js-mode js-ts-mode typescript-mode
                typescript-ts-mode tsx-ts-mode)
               . ("cio-lint" "server")))
(dolist (hook '(python-mode-hook python-ts-mode-hook js-mode-hook js-ts-mode-hook
                typescript-mode-hook typescript-ts-mode-hook tsx-ts-mode-hook))
  (add-hook hook #'eglot-ensure))
